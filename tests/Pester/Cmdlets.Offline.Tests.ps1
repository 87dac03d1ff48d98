# The cmdlets' checks that need no CAS server: exports, and failures before (or instead of) any call.
BeforeAll {
    $script:ModulePath = Join-Path $env:CASAWS_REPO_ROOT 'artifacts/CasAws/CasAws.psd1'
    Import-Module $script:ModulePath -Force
    $script:Credential = [pscredential]::new('jdoe', (ConvertTo-SecureString 'not-used-offline' -AsPlainText -Force))

    function Get-FreeLoopbackPort {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop(); $port
    }
}

AfterAll {
    Disconnect-CasAws
}

Describe 'CasAws core cmdlets (offline)' {
    It 'exports the four core cmdlets from the built module' {
        $names = (Get-Module CasAws).ExportedCmdlets.Keys
        foreach ($name in 'Connect-CasAws', 'Get-CasAwsRole', 'Get-CasAwsCredential', 'Disconnect-CasAws') {
            $names | Should -Contain $name
        }
    }

    It 'declares an OutputType on every cmdlet' {
        (Get-Command Connect-CasAws).OutputType.Name | Should -Be 'CasAws.Session.CasAwsSession'
        (Get-Command Get-CasAwsRole).OutputType.Name | Should -Be 'CasAws.Credentials.CasAwsRole'
        (Get-Command Get-CasAwsCredential).OutputType.Name | Should -Be 'CasAws.Credentials.CasAwsCredential'
    }

    It 'asks for -Credential by name when the host cannot prompt' {
        $err = { Connect-CasAws -Server https://127.0.0.1:9/cas } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'CredentialRequired,*'
        $err.Exception.Message | Should -BeLike '*-Credential*'
    }

    It 'refuses a duration outside STS bounds before any call' -TestCases @(
        @{ Duration = '00:10:00'; RoleArn = $null }
        @{ Duration = '13:00:00'; RoleArn = 'arn:aws:iam::111111111111:role/Dev' }
        @{ Duration = '1.13:00:00'; RoleArn = $null }
    ) {
        $parameters = @{ Server = 'https://127.0.0.1:9/cas'; Credential = $script:Credential; Duration = $Duration }
        if ($RoleArn) { $parameters.RoleArn = $RoleArn }
        $err = { Connect-CasAws @parameters } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'DurationOutOfRange,*'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'takes -Duration as seconds or ISO 8601 too' {
        $err = { Connect-CasAws -Server https://127.0.0.1:9/cas -Credential $script:Credential -Duration 600 } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'DurationOutOfRange,*'
        $err = { Connect-CasAws -Server https://127.0.0.1:9/cas -Credential $script:Credential -Duration PT10M } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'DurationOutOfRange,*'
    }

    It 'refuses plain http to another computer' {
        $err = { Connect-CasAws -Server http://sso.example.org/cas -Credential $script:Credential } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'InsecureServerUrl,*'
    }

    It 'names a -Server without a scheme for what it is, and shows the URL to pass' {
        $err = { Connect-CasAws -Server sso.example.org/cas -Credential $script:Credential } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'ServerUrlInvalid,*'
        $err.Exception.Message | Should -BeLike '*https://sso.example.org/cas*'
    }

    It 'reads hours past 23 as hours and says in -Verbose how it read -Duration' {
        $err = { Connect-CasAws -Server https://127.0.0.1:9/cas -Credential $script:Credential -RoleArn arn:aws:iam::111111111111:role/Dev -Duration 36:00:00 -Verbose 4>&1 |
                Out-Null } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'DurationOutOfRange,*'
        $err.Exception.Message | Should -BeLike '*129600 s*'
        $verbose = & { try { Connect-CasAws -Server https://127.0.0.1:9/cas -Credential $script:Credential -Duration 36:00:00 -Verbose 4>&1 } catch { } } |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        $verbose.Message | Should -Contain 'Duration: 36 h (129600 s).'
    }

    It 'checks the role and the duration of a runbook request before asking for the password' {
        $runbook = @{ Server = 'https://127.0.0.1:9/cas' }   # no -Credential: the password would be asked for (an error here)
        $err = { Get-CasAwsCredential @runbook -RoleArn arn:aws:iam::111111111111:role/Dev -Duration 13:00:00 -ErrorAction Stop } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'DurationOutOfRange,*'
        $err = { Get-CasAwsCredential @runbook -RoleArn Dev -ErrorAction Stop } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'RoleListUnknown,*'
    }

    It 'shows the credential table in a narrow window without wrapping a header letter by letter' -TestCases @(
        @{ Width = 100 }
        @{ Width = 80 }
    ) {
        $credential = [CasAws.Credentials.CasAwsCredential]::new('ASIAEXAMPLEEXAMPLE01', 'not/shown', 'not-shown', [datetime]::UtcNow.AddHours(1))
        $credential.AccountId = '123456789012'
        $credential.AssumedRoleArn = 'arn:aws:iam::123456789012:role/engineering/platform/CasAdministratorsWithLongName'
        $credential.Region = 'ap-southeast-2'
        $lines = @(($credential | Format-Table | Out-String -Width $Width) -split '\r?\n' | Where-Object { $_.Trim() })
        $lines.Count | Should -Be 3 -Because "a header line, a rule and one row: $($lines -join ' | ')"
        $lines[0] | Should -Match '^AccessKey\s+Expiration \(UTC\)\s+AccountId\s+Region\s+AssumedRoleArn'
        $lines[2] | Should -BeLike 'ASIAEXAMPLEEXAMPLE01 ????-??-?? ??:?? *123456789012 *ap-southeast-2 *arn:aws:*'
        foreach ($line in $lines) { $line.Length | Should -BeLessOrEqual $Width }
    }

    It 'reports a refused connection with the server as target' {
        $server = "https://127.0.0.1:$(Get-FreeLoopbackPort)/cas"
        $err = { Connect-CasAws -Server $server -Credential $script:Credential } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'CasConnectionRefused,*'
        $err.CategoryInfo.Category | Should -Be 'ConnectionError'
        $err.TargetObject | Should -Be $server
    }

    It 'says to connect first when there is no session' {
        Disconnect-CasAws
        $err = { Get-CasAwsRole } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'NotConnected,*'
        $err = { Get-CasAwsCredential } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'NotConnected,*'
    }

    It 'refuses an unreadable CA bundle' {
        $file = Join-Path ([IO.Path]::GetTempPath()) "casaws-not-pem-$PID.pem"
        Set-Content -LiteralPath $file -Value 'not a certificate'
        try {
            $err = { Connect-CasAws -Server https://127.0.0.1:9/cas -Credential $script:Credential -CaBundlePath $file } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -BeLike 'CaBundleUnreadable,*'
        } finally { Remove-Item -LiteralPath $file }
    }
}

Describe '-Debug where nobody can answer a prompt' {
    It 'writes warnings, verbose and debug lines and confirms nothing in pwsh -NonInteractive, instead of failing at the first prompt' {
        $scratch = Join-Path ([IO.Path]::GetTempPath()) "casaws-debug-$PID"
        New-Item -ItemType Directory -Path $scratch | Out-Null
        try {
            $script = @"
`$ErrorActionPreference = 'Continue'
Import-Module '$script:ModulePath'
`$env:AWS_CONFIG_FILE = '$scratch/config'; `$env:AWS_SHARED_CREDENTIALS_FILE = '$scratch/credentials'; `$env:CASAWS_CACHE_DIR = '$scratch/cache'
`$credential = [pscredential]::new('jdoe', (ConvertTo-SecureString 'not-used' -AsPlainText -Force))
Get-CasAwsCredential -Server https://127.0.0.1:9/cas -Credential `$credential -ProfileLocation '$scratch/x' -Debug
(Register-CasAwsProfile cas-debug -Server https://sso.example.org/cas -Debug).ProfileName
"@
            $pwshArguments = @()
            if ([System.IO.Path]::GetFileNameWithoutExtension([Environment]::ProcessPath) -eq 'dotnet') { $pwshArguments += (Join-Path $PSHOME 'pwsh.dll') }
            $output = (& ([Environment]::ProcessPath) @pwshArguments -NoProfile -NonInteractive -Command $script *>&1 | Out-String)

            $output | Should -Not -BeLike '*NonInteractive mode*'
            $output | Should -BeLike '*-ProfileLocation is used only with -StoreAs*'         # a warning
            $output | Should -BeLike '*Duration: 1 h (3600 s)*'                               # a verbose line
            $output | Should -BeLike '*Credential request for jdoe*'                          # a debug line
            $output | Should -BeLike '*Nothing accepted the connection to 127.0.0.1:9*' -Because 'the login itself was tried'
            $output | Should -BeLike '*cas-debug*' -Because 'ShouldProcess did not ask'
            Get-Content -Raw "$scratch/config" | Should -BeLike '*credential_process*'
        } finally {
            Remove-Item -LiteralPath $scratch -Recurse -Force
        }
    }
}
