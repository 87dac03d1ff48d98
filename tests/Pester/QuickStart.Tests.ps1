# What a new user does first (issue 20, items 5 and 6): install the emulator's .NET tool package (which
# './build.ps1 package' writes to artifacts/package/dotnet-tool) and start it by its command name, then
# follow the README's five-line quick start in a fresh home to a first credential, with nothing but the
# two packages and the .NET SDK.
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

Describe 'The README''s quick start' -Skip:$IsWindows {
    BeforeAll {
        # The powershell block under '## Quick start', one command per line, comments dropped.
        $readme = Get-Content -LiteralPath (Join-Path $env:CASAWS_REPO_ROOT 'README.md') -Raw
        $block = [regex]::Match($readme, '(?s)\n## Quick start[^\n]*\n.*?```powershell\n(.*?)```').Groups[1].Value
        $script:Lines = @($block.TrimEnd("`n") -split "`n")
        $script:Commands = @($Lines | ForEach-Object { ($_ -replace '\s+#.*$', '').Trim() })
        $script:UserHome = (New-Item -ItemType Directory -Path (Join-Path $Work 'home')).FullName
        $script:Repository = (New-Item -ItemType Directory -Path (Join-Path $Work 'repository')).FullName
        Copy-Item -LiteralPath (Get-FreshCasAwsPackage).Path -Destination $Repository
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start(); $script:Port = $listener.LocalEndpoint.Port; $listener.Stop()
    }

    It 'is five lines: install the emulator, start it, install CasAws, connect, get a credential' {
        $Commands.Count | Should -Be 5
        $Commands[0] | Should -BeLike 'dotnet tool install --global CasAws.Emulator'
        $Commands[1] | Should -BeLike 'casaws-emulator *--https-port 8443*'
        $Commands[2] | Should -BeLike 'Install-PSResource CasAws'
        $Commands[3] | Should -BeLike 'Connect-CasAws -Server https://127.0.0.1:8443/cas *'
        $Commands[4] | Should -BeLike 'Get-CasAwsCredential *'
    }

    It 'is the same in about_CasAws' {
        $about = Get-Content -LiteralPath (Join-Path $env:CASAWS_REPO_ROOT 'docs/help/about_CasAws.md') -Raw
        $aboutBlock = [regex]::Match($about, '(?s)\n## TRY IT ON YOUR COMPUTER\n.*?```\n(.*?)```').Groups[1].Value
        @($aboutBlock.TrimEnd("`n") -split "`n") | Should -Be $Lines
    }

    It 'gets a first credential, run as written in a fresh home (packages from this build, a free port, the password given)' {
        # What differs from a user's run, and only that: the two packages come from this build's folders
        # rather than nuget.org and the PowerShell Gallery, the emulator takes a free port rather than 8443,
        # and the password the comment names is passed rather than typed.
        $user, $password = [regex]::Match($Lines[3], 'user (\S+), password (\S+)').Groups[1, 2].Value
        $installTool = Invoke-FreshPwsh -HomePath $UserHome -Script "$($Commands[0]) --add-source '$ToolFolder'; exit `$LASTEXITCODE"
        $installTool.ExitCode | Should -Be 0 -Because ($installTool.StdOut + $installTool.StdErr)

        $emulator = [System.Diagnostics.ProcessStartInfo]::new([System.Diagnostics.Process]::GetCurrentProcess().MainModule.FileName)
        if ([System.IO.Path]::GetFileNameWithoutExtension($emulator.FileName) -eq 'dotnet') { $emulator.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }
        foreach ($argument in '-NoProfile', '-NonInteractive', '-Command', $Commands[1].Replace('8443', "$Port")) { $emulator.ArgumentList.Add($argument) }
        $emulator.Environment['HOME'] = $UserHome
        $emulator.Environment['PATH'] = (Join-Path $UserHome '.dotnet/tools') + [System.IO.Path]::PathSeparator + $env:PATH
        $emulator.RedirectStandardOutput = $true
        $process = [System.Diagnostics.Process]::Start($emulator)
        try {
            $banner = [System.Text.StringBuilder]::new()
            while (($line = $process.StandardOutput.ReadLine()) -ne $null -and $line -notlike 'Press Ctrl+C*') { [void] $banner.AppendLine($line) }
            $banner.ToString() | Should -BeLike "*Connect-CasAws -Server https://127.0.0.1:$Port/cas -CaBundlePath '$UserHome/casaws-emulator.pem'*"

            $script = @(
                "Register-PSResourceRepository -Name QuickStart -Uri '$Repository' -Trusted"
                "$($Commands[2]) -Repository QuickStart"
                "$($Commands[3].Replace('8443', "$Port")) -Credential ([pscredential]::new('$user', (ConvertTo-SecureString '$password' -AsPlainText -Force))) | Out-Null"
                "$($Commands[4]) | ForEach-Object { @{ AccessKey = `$_.AccessKey; Role = `$_.AssumedRoleArn; Module = (Get-Module CasAws).ModuleBase } | ConvertTo-Json -Compress }"
            ) -join "`n"
            $run = Invoke-FreshPwsh -HomePath $UserHome -Script $script
        } finally {
            $process.Kill($true)
            $process.WaitForExit()
            $process.Dispose()
        }

        $run.ExitCode | Should -Be 0 -Because $run.StdErr
        $run.StdErr | Should -BeNullOrEmpty
        $run.Result.AccessKey | Should -Match '^ASIA[A-Z2-7]{16}$'
        $run.Result.Role | Should -Be 'arn:aws:iam::123456789012:role/CasDeveloper'
        $run.Result.Module | Should -BeLike "$UserHome/*"
    }
}
