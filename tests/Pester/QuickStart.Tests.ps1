# What a new user does first (issue 20, item 5): install the emulator's .NET tool package (which
# './build.ps1 package' writes to artifacts/package/dotnet-tool) and start it by its command name.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport/Package.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'TestSupport/CapturedProcess.psm1') -Force
    $null = Get-FreshCasAwsPackage   # makes both packages when a source is newer
    $script:ToolFolder = Join-Path $env:CASAWS_REPO_ROOT 'artifacts/package/dotnet-tool'
    $script:Version = (Import-PowerShellDataFile (Join-Path $env:CASAWS_REPO_ROOT 'module/CasAws.psd1')).ModuleVersion
    $script:Work = Join-Path ([IO.Path]::GetTempPath()) ('casaws-tool-' + [guid]::NewGuid().ToString('N').Substring(0, 12))
    New-Item -ItemType Directory -Path $Work | Out-Null
}

AfterAll {
    Remove-Item -LiteralPath $script:Work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'The emulator''s .NET tool package' {
    It 'is written beside the module package, as CasAws.Emulator <version>' {
        Join-Path $ToolFolder "CasAws.Emulator.$Version.nupkg" | Should -Exist
        @(Get-ChildItem (Join-Path $env:CASAWS_REPO_ROOT 'artifacts/package') -Filter '*.nupkg').Name | Should -Be "CasAws.$Version.nupkg" -Because 'the module''s folder repository lists CasAws alone'
    }

    It 'installs from the package folder into a new tool path, and casaws-emulator starts and answers as CAS' {
        # Only the package folder as a source, and an empty package cache: what is installed comes from the package.
        $config = Join-Path $Work 'nuget.config'
        Set-Content -LiteralPath $config -Value "<configuration><packageSources><clear /><add key=`"casaws`" value=`"$ToolFolder`" /></packageSources></configuration>"
        $install = [System.Diagnostics.ProcessStartInfo]::new((Get-Command dotnet -CommandType Application | Select-Object -First 1).Source)
        foreach ($argument in 'tool', 'install', 'CasAws.Emulator', '--tool-path', (Join-Path $Work 'tools'), '--configfile', $config) { $install.ArgumentList.Add($argument) }
        $install.Environment['NUGET_PACKAGES'] = Join-Path $Work 'packages'
        $installed = Invoke-CapturedProcess -StartInfo $install -TimeoutSeconds 300
        $installed.ExitCode | Should -Be 0 -Because ($installed.StdOut + $installed.StdErr)

        $command = Join-Path $Work "tools/casaws-emulator$(if ($IsWindows) { '.exe' })"
        $ready = Join-Path $Work 'ready.json'
        $emulator = [System.Diagnostics.ProcessStartInfo]::new($command)
        foreach ($argument in '--ready-file', $ready, '--cert-out', (Join-Path $Work 'emulator.pem')) { $emulator.ArgumentList.Add($argument) }
        $emulator.RedirectStandardOutput = $true
        $process = [System.Diagnostics.Process]::Start($emulator)
        try {
            $banner = [System.Text.StringBuilder]::new()
            while (($line = $process.StandardOutput.ReadLine()) -ne $null -and $line -notlike 'Press Ctrl+C*') { [void] $banner.AppendLine($line) }
            for ($i = 0; $i -lt 100 -and -not (Test-Path -LiteralPath $ready); $i++) { Start-Sleep -Milliseconds 50 }
            $cas = (Get-Content -LiteralPath $ready -Raw | ConvertFrom-Json).casBaseHttp
            $answer = Invoke-WebRequest -Method Post -Uri "$cas/actuator/awsSts" -Body @{ username = 'casuser'; password = 'Mellon'; duration = 'PT1H' }
        } finally {
            $process.Kill($true)
            $process.WaitForExit()
            $process.Dispose()
        }

        $banner.ToString() | Should -BeLike '*Connect-CasAws -Server https://127.0.0.1:*/cas -CaBundlePath*'
        $banner.ToString() | Should -BeLike "*their passwords are in $(Join-Path $Work 'tools')*emulator.sample.json*"
        $answer.StatusCode | Should -Be 200
        $answer.Content | Should -Match '(?m)^aws_access_key_id=ASIA'
    }
}
