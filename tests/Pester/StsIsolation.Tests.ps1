# The AWS SDK inside CasAws must never clash with the one AWS Tools for PowerShell loads (issue 5).
# Every case runs in a fresh pwsh, because a load context, once used, stays for the life of the process.
BeforeDiscovery {
    $script:ForeignSdks = @(
        @{ Label = 'AWS Tools V4 (AWSSDK.Core 3.7.402, assembly 3.3.0.0)'; Version = '3.7.402'; AssemblyVersion = '3.3.0.0' }
        @{ Label = 'AWS Tools V5 (an older AWSSDK.Core 4.0.3.3, assembly 4.0.0.0)'; Version = '4.0.3.3'; AssemblyVersion = '4.0.0.0' }
    )
}

BeforeAll {
    Import-Module (Join-Path $env:CASAWS_REPO_ROOT 'tests/Pester/TestSupport/Emulator.psm1') -Force
    $script:ModulePath = Join-Path $env:CASAWS_REPO_ROOT 'artifacts/CasAws/CasAws.psd1'
    $script:CaseScript = Join-Path $PSScriptRoot 'StsSupport/Invoke-IsolationCase.ps1'
    $packages = ((& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', '').Trim()
    $script:SdkPath = { param($Version) Join-Path $packages "awssdk.core/$Version/lib/net8.0/AWSSDK.Core.dll" }
    $script:Emulator = Start-CasAwsEmulator
    # A long-term IAM user of the emulator's STS: GetCallerIdentity needs no CAS call with these.
    $user = (Get-CasAwsEmulatorSampleConfig).sts.iamUsers | Where-Object userName -EQ 'cli/cli-user'
    $script:Keys = @{ AccessKey = $user.accessKeyId; SecretKey = $user.secretAccessKey }

    function Invoke-IsolationCase([string] $Order, [string] $Version) {
        $arguments = @('pwsh', '-NoProfile', '-NonInteractive', '-File', $script:CaseScript, '-ModulePath', $script:ModulePath,
            '-ForeignSdkPath', (& $script:SdkPath $Version), '-Order', $Order, '-StsUrl', $script:Emulator.StsUrlHttp,
            '-AccessKey', $script:Keys.AccessKey, '-SecretKey', $script:Keys.SecretKey)
        $output = & dotnet @arguments
        $output | Select-Object -Last 1 | ConvertFrom-Json
    }
}

AfterAll {
    if ($script:Emulator) { Stop-CasAwsEmulator $script:Emulator }
}

Describe 'The basic CAS flow' {
    It 'loads no AWS SDK assembly into any load context' {
        $arguments = @('pwsh', '-NoProfile', '-NonInteractive', '-File', $script:CaseScript, '-ModulePath', $script:ModulePath,
            '-Order', 'BasicFlow', '-CasServer', $script:Emulator.CasBaseHttp, '-CasUser', 'casuser', '-CasPassword', 'Mellon')
        $report = & dotnet @arguments | Select-Object -Last 1 | ConvertFrom-Json

        $report.Error | Should -BeNullOrEmpty
        $report.Steps | Should -Be @('basic-flow credential:True')
        $report.Assemblies | Where-Object { $_.Name -like 'AWSSDK*' -or $_.Name -eq 'CasAws.Sts' } | Should -BeNullOrEmpty
        $report.Contexts | Should -Not -Contain 'CasAws.Sts'
        ($report.Assemblies | Where-Object Name -EQ 'CasAws.Cmdlets').Context | Should -Be 'Default'
    }
}

Describe 'CasAws and a foreign AWSSDK.Core in one PowerShell 7 session: <Label>' -ForEach $ForeignSdks {
    It 'shows the clash it avoids: a second AWSSDK.Core in the default context fails to load' {
        $report = Invoke-IsolationCase 'Clash' $Version

        $report.Error | Should -Match 'already loaded'
    }

    It 'works when the foreign SDK was loaded before CasAws was imported, and both keep working' {
        $report = Invoke-IsolationCase 'Before' $Version

        $report.Error | Should -BeNullOrEmpty
        $report.Steps | Should -HaveCount 4
        $report.Steps[1] | Should -BeExactly 'first-call casaws:arn:aws:iam::123456789012:user/cli/cli-user'
        $report.Steps[2] | Should -Match '^after-sts foreign:AKIAFOREIGNCOPY00001:'
        $report.Steps[3] | Should -BeExactly 'second-call casaws:arn:aws:iam::123456789012:user/cli/cli-user'
        $foreign = $report.Assemblies | Where-Object { $_.Name -eq 'AWSSDK.Core' -and $_.Context -eq 'Default' }
        $foreign.Version | Should -Be $AssemblyVersion
        ($report.Assemblies | Where-Object { $_.Name -eq 'AWSSDK.Core' -and $_.Context -eq 'CasAws.Sts' }).Version | Should -Be '4.0.0.0'
    }

    It 'works when the foreign SDK is loaded after CasAws used STS, and both keep working' {
        $report = Invoke-IsolationCase 'After' $Version

        $report.Error | Should -BeNullOrEmpty
        $report.Steps | Should -HaveCount 4
        $report.Steps[0] | Should -BeExactly 'first-call casaws:arn:aws:iam::123456789012:user/cli/cli-user'
        $report.Steps[1] | Should -Match '^after-sts foreign:'
        $report.Steps[2] | Should -BeExactly 'second-call casaws:arn:aws:iam::123456789012:user/cli/cli-user'
        $report.Steps[3] | Should -Match '^after-second-call foreign:'
        ($report.Assemblies | Where-Object { $_.Name -eq 'AWSSDK.Core' -and $_.Context -eq 'Default' }).Version | Should -Be $AssemblyVersion
        $inDefault = $report.Assemblies | Where-Object { $_.Context -eq 'Default' } | ForEach-Object Name
        $inDefault | Should -Not -Contain 'CasAws.Sts'
        $inDefault | Should -Not -Contain 'AWSSDK.SecurityToken'
        ($report.Assemblies | Where-Object { $_.Name -eq 'CasAws.Sts' }).Context | Should -Be 'CasAws.Sts'
    }
}
