# credential_process profiles: Register/Unregister/Get-CasAwsProfile, the helper executable, and the
# real AWS CLI (Debian's awscli) running it. Files live in a scratch folder, never in ~/.aws.
BeforeDiscovery {
    Import-Module (Join-Path $env:CASAWS_REPO_ROOT 'tests/Pester/TestSupport/Emulator.psm1') -Force
    $script:NoCli = -not (Get-TestAwsCliPath)
}

BeforeAll {
    Import-Module (Join-Path $env:CASAWS_REPO_ROOT 'artifacts/CasAws/CasAws.psd1') -Force
    Import-Module (Join-Path $PSScriptRoot 'TestSupport/Emulator.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'TestSupport/CasAwsFiles.psm1') -Force
    $script:Server = 'https://cas.example.org/cas'
    $script:Role = 'arn:aws:iam::123456789012:role/CasDeveloper'
    $script:Utf8 = [System.Text.UTF8Encoding]::new($false)

    function script:Invoke-Cli([string[]] $Arguments) {
        Invoke-TestAwsCli -Arguments $Arguments -Environment @{
            AWS_CONFIG_FILE = $env:AWS_CONFIG_FILE; AWS_SHARED_CREDENTIALS_FILE = $env:AWS_SHARED_CREDENTIALS_FILE; CASAWS_CACHE_DIR = $env:CASAWS_CACHE_DIR
        }
    }
}

Describe 'Register-CasAwsProfile' {
    BeforeEach { $script:Scratch = Enter-CasAwsScratch }
    AfterEach { Exit-CasAwsScratch $script:Scratch }

    It 'adds only its section to a config file with comments, other profiles, CRLF and no final newline' {
        $before = "# my settings`r`n[default]`r`nregion = us-west-2`r`n`r`n; sso`r`n[profile work]`r`nsso_start_url = https://example.org/start`r`noutput = json"
        [IO.File]::WriteAllText($script:Scratch.Config, $before, $script:Utf8)

        $result = Register-CasAwsProfile cas-dev -Server "$script:Server/" -RoleArn $script:Role -Region eu-west-1

        $helper = Get-CasAwsHelperCopyPath
        $expected = $before + "`r`n`r`n[profile cas-dev]`r`ncredential_process = `"$helper`" --profile `"cas-dev`" --server `"$script:Server`" --role-arn `"$script:Role`"`r`nregion = eu-west-1`r`nx_casaws_managed = true`r`nx_casaws_added = credential_process,region"
        [IO.File]::ReadAllText($script:Scratch.Config) | Should -BeExactly $expected
        $result.ProfileName | Should -Be 'cas-dev'
        $result.Server | Should -Be $script:Server
        $result.Role | Should -Be $script:Role
        $result.CachedUntil | Should -BeNullOrEmpty
    }

    It 'is undone byte for byte by Unregister-CasAwsProfile' {
        $before = [byte[]] (0x5B, 0x64, 0x65, 0x66, 0x61, 0x75, 0x6C, 0x74, 0x5D, 0x0D, 0x0A, 0x23, 0x20, 0xC3, 0xA9, 0xFF)   # '[default]' CRLF '# é' and a stray byte
        [IO.File]::WriteAllBytes($script:Scratch.Config, $before)

        Register-CasAwsProfile cas-dev -Server $script:Server -RoleArn $script:Role | Out-Null
        Unregister-CasAwsProfile cas-dev

        [IO.File]::ReadAllBytes($script:Scratch.Config) | Should -Be $before
        Get-CasAwsProfile | Should -BeNullOrEmpty
    }

    It 'writes nothing with -WhatIf' {
        Invoke-WithoutHost Register-CasAwsProfile @{ Name = 'cas-dev'; Server = $script:Server; RoleArn = $script:Role; WhatIf = $true } | Should -BeNullOrEmpty

        Test-Path $script:Scratch.Config | Should -BeFalse
        Get-CasAwsProfile | Should -BeNullOrEmpty
    }

    It 'leaves a profile it did not write alone without -Force' {
        $before = "[profile cas-dev]`nrole_arn = arn:aws:iam::123456789012:role/Other`nsource_profile = base`n"
        [IO.File]::WriteAllText($script:Scratch.Config, $before, $script:Utf8)

        { Register-CasAwsProfile cas-dev -Server $script:Server -RoleArn $script:Role -ErrorAction Stop } |
            Should -Throw -ErrorId 'ProfileNotOwned,CasAws.Commands.RegisterCasAwsProfileCommand'

        [IO.File]::ReadAllText($script:Scratch.Config) | Should -BeExactly $before
    }

    It 'reports a malformed config file with its line and changes nothing' {
        $before = "[default]`nregion = us-east-1`n[profile broken`n"
        [IO.File]::WriteAllText($script:Scratch.Config, $before, $script:Utf8)

        $thrown = { Register-CasAwsProfile cas-dev -Server $script:Server -RoleArn $script:Role -ErrorAction Stop } | Should -Throw -PassThru
        $thrown.FullyQualifiedErrorId | Should -Be 'AwsFileMalformed,CasAws.Commands.RegisterCasAwsProfileCommand'
        $thrown.Exception.Message | Should -BeLike '*line 3*'
        [IO.File]::ReadAllText($script:Scratch.Config) | Should -BeExactly $before
    }

    It 'refuses names and role ARNs that cannot be written safely' {
        Disconnect-CasAws   # no session to take the server or roles from
        { Register-CasAwsProfile 'has space' -Server $script:Server -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidProfileName,CasAws.Commands.RegisterCasAwsProfileCommand'
        { Register-CasAwsProfile ok -Server $script:Server -RoleArn 'Developer' -ErrorAction Stop } | Should -Throw -ErrorId 'ProfileRoleArnInvalid,CasAws.Commands.RegisterCasAwsProfileCommand'
        { Register-CasAwsProfile ok -ErrorAction Stop } | Should -Throw -ErrorId 'ProfileServerRequired,CasAws.Commands.RegisterCasAwsProfileCommand'
    }

    It 'warns about a static profile CasAws did not write, which would win, and removes it only with -Force' {
        $static = "[other]`naws_access_key_id = AKIAOTHER`n`n[cas-dev]`naws_access_key_id = AKIALONGTERM`naws_secret_access_key = long/term`n"
        [IO.File]::WriteAllText($script:Scratch.Credentials, $static, $script:Utf8)

        Register-CasAwsProfile cas-dev -Server $script:Server -RoleArn $script:Role -WarningVariable warnings -WarningAction SilentlyContinue | Out-Null
        ($warnings -join ' ') | Should -BeLike '*-Force*'
        [IO.File]::ReadAllText($script:Scratch.Credentials) | Should -BeExactly $static

        Register-CasAwsProfile cas-dev -Server $script:Server -RoleArn $script:Role -Force -WarningVariable removed -WarningAction SilentlyContinue | Out-Null
        [IO.File]::ReadAllText($script:Scratch.Credentials) | Should -BeExactly "[other]`naws_access_key_id = AKIAOTHER`n"
        @($removed).Count | Should -Be 1
        "$removed" | Should -BeLike "Removed the static profile 'cas-dev' from*would have used*" -Because 'it says what happened, not what would have'
    }

    It 'caches piped credentials, taking the region from them, and lists the profile' {
        $credential = New-CasAwsTestCredential -Region 'ca-central-1'

        $credential | Register-CasAwsProfile cas-dev -Server $script:Server -RoleArn $script:Role | Out-Null

        $listed = Get-CasAwsProfile 'cas-*'
        $listed.ProfileName | Should -Be 'cas-dev'
        $listed.CachedUntil | Should -Be ([datetime]::new($credential.Expiration.Ticks - $credential.Expiration.Ticks % [TimeSpan]::TicksPerSecond, 'Utc'))
        [IO.File]::ReadAllText($script:Scratch.Config) | Should -BeLike '*region = ca-central-1*'
        Get-CasAwsProfile 'nomatch*' | Should -BeNullOrEmpty
    }

    It 'runs a copy of the helper in the user''s data directory, which survives the module folder' {
        $result = Register-CasAwsProfile cas-dev -Server $script:Server -RoleArn $script:Role

        $copy = Get-CasAwsHelperCopyPath
        $result.HelperPath | Should -Be $copy
        $result.HelperState | Should -Be 'Ready'
        (Get-Item $copy).Length | Should -Be (Get-Item (Get-CasAwsHelperPath)).Length
        Get-Content "$copy.source" -Raw | Should -BeLike "* $(Get-CasAwsHelperPath)*"
        if (-not $IsWindows) { [IO.File]::GetUnixFileMode($copy) | Should -Be ([IO.UnixFileMode] 'UserRead, UserWrite, UserExecute') }
    }

    It 'leaves a copy that a newer CasAws made alone' {
        Register-CasAwsProfile cas-dev -Server $script:Server -RoleArn $script:Role | Out-Null
        $copy = Get-CasAwsHelperCopyPath
        [IO.File]::WriteAllText("$copy.source", "99.0.0.0 1 1 /elsewhere/CasAws/99.0.0/bin/x/CasAws.CredentialProcess`n")
        [IO.File]::WriteAllText($copy, 'newer helper')
        [IO.File]::WriteAllText("$copy.sha256", ((Get-FileHash -LiteralPath $copy -Algorithm SHA256).Hash.ToLowerInvariant() + "`n"))

        Register-CasAwsProfile cas-other -Server $script:Server -RoleArn $script:Role -WarningVariable warnings | Out-Null

        [IO.File]::ReadAllText($copy) | Should -Be 'newer helper'
        $warnings | Should -BeNullOrEmpty
    }

    It 'does not trust a changed copy by its stamp: Get-CasAwsProfile says Modified with the repair command, Register-CasAwsProfile replaces it' {
        Register-CasAwsProfile cas-dev -Server $script:Server -RoleArn $script:Role | Out-Null
        $copy = Get-CasAwsHelperCopyPath
        [IO.File]::WriteAllText("$copy.source", "99.0.0.0 1 1 /elsewhere/CasAws/99.0.0/bin/x/CasAws.CredentialProcess`n")
        [IO.File]::WriteAllText($copy, 'planted helper')

        $listed = Get-CasAwsProfile cas-dev -WarningVariable warnings -WarningAction SilentlyContinue
        $listed.HelperState | Should -Be 'Modified'
        ($warnings -join ' ') | Should -BeLike "*not the file CasAws put there*Register-CasAwsProfile 'cas-dev' -Server '$script:Server' -RoleArn '$script:Role'"

        Register-CasAwsProfile cas-dev -Server $script:Server -RoleArn $script:Role -WarningVariable repaired -WarningAction SilentlyContinue | Out-Null
        ($repaired -join ' ') | Should -BeLike '*was replaced*'
        (Get-Item $copy).Length | Should -Be (Get-Item (Get-CasAwsHelperPath)).Length
        (Get-CasAwsProfile cas-dev).HelperState | Should -Be 'Ready'
    }

    It 'shows a profile whose helper is missing or not executable, with the command that repairs it' {
        Register-CasAwsProfile cas-dev -Server $script:Server -RoleArn $script:Role | Out-Null
        $copy = Get-CasAwsHelperCopyPath
        Remove-Item $copy

        $listed = Get-CasAwsProfile cas-dev -WarningVariable warnings -WarningAction SilentlyContinue

        $listed.HelperState | Should -Be 'Missing'
        $listed.HelperPath | Should -Be $copy
        ($warnings -join ' ') | Should -BeLike "*no longer exists*Register-CasAwsProfile 'cas-dev' -Server '$script:Server' -RoleArn '$script:Role'"

        Register-CasAwsProfile cas-dev -Server $script:Server -RoleArn $script:Role | Out-Null
        (Get-CasAwsProfile cas-dev -WarningVariable warnings).HelperState | Should -Be 'Ready'
        $warnings | Should -BeNullOrEmpty
        if (-not $IsWindows) {
            [IO.File]::SetUnixFileMode($copy, [IO.UnixFileMode] 'UserRead, UserWrite')
            (Get-CasAwsProfile cas-dev -WarningAction SilentlyContinue).HelperState | Should -Be 'NotExecutable'
        }
    }

    It 'keeps the cache directory and files private' -Skip:$IsWindows {
        New-CasAwsTestCredential | Register-CasAwsProfile cas-dev -Server $script:Server -RoleArn $script:Role | Out-Null

        [IO.File]::GetUnixFileMode($script:Scratch.Cache) | Should -Be ([IO.UnixFileMode] 'UserRead, UserWrite, UserExecute')
        foreach ($file in Get-ChildItem $script:Scratch.Cache -Recurse -File -Filter '*.cache') {
            [IO.File]::GetUnixFileMode($file.FullName) | Should -Be ([IO.UnixFileMode] 'UserRead, UserWrite')
        }
    }
}

Describe 'A module whose helper for this platform is broken' -Skip:$IsWindows {
    It 'refuses to register, naming the platform and what to do, and import never changes the mode' {
        Import-Module (Join-Path $PSScriptRoot 'TestSupport/Package.psm1') -Force
        $work = Join-Path ([IO.Path]::GetTempPath()) ('casaws-broken-' + [guid]::NewGuid().ToString('N').Substring(0, 12))
        New-Item -ItemType Directory -Path $work | Out-Null
        try {
            Copy-Item (Join-Path $env:CASAWS_REPO_ROOT 'artifacts/CasAws') (Join-Path $work 'CasAws') -Recurse
            $helper = Join-Path $work "CasAws/bin/$(& (Join-Path $env:CASAWS_REPO_ROOT 'tools/Get-RuntimeIdentifier.ps1'))/CasAws.CredentialProcess"
            [IO.File]::SetUnixFileMode($helper, [IO.UnixFileMode] 'UserRead, UserWrite, GroupRead, OtherRead')

            $result = Invoke-FreshPwsh -HomePath $work -Environment @{ TEST_MODULE = (Join-Path $work 'CasAws/CasAws.psd1'); TEST_HELPER = $helper } -Script @'
Import-Module $env:TEST_MODULE
$modeAfterImport = [int] [IO.File]::GetUnixFileMode($env:TEST_HELPER)
$answers = foreach ($step in 'not executable', 'missing') {
    if ($step -eq 'missing') { Remove-Item $env:TEST_HELPER }
    try { Register-CasAwsProfile cas-broken -Server https://cas.example.org/cas -ErrorAction Stop | Out-Null; @{ Id = 'none' } }
    catch { @{ Id = $_.FullyQualifiedErrorId; Message = $_.Exception.Message } }
}
@{ ModeAfterImport = $modeAfterImport; Answers = @($answers); ConfigWritten = (Test-Path (Join-Path $HOME '.aws/config')) } | ConvertTo-Json -Compress -Depth 4
'@
            $result.ExitCode | Should -Be 0 -Because $result.StdErr
            $result.Result.ModeAfterImport | Should -Be ([int] [IO.UnixFileMode] 'UserRead, UserWrite, GroupRead, OtherRead')
            $runtime = & (Join-Path $env:CASAWS_REPO_ROOT 'tools/Get-RuntimeIdentifier.ps1')
            $result.Result.Answers[0].Id | Should -Be 'CredentialProcessHelperNotExecutable,CasAws.Commands.RegisterCasAwsProfileCommand'
            $result.Result.Answers[0].Message | Should -BeLike "*for $runtime*not executable*Install-PSResource CasAws -Reinstall*chmod +x*"
            $result.Result.Answers[1].Id | Should -Be 'CredentialProcessHelperMissing,CasAws.Commands.RegisterCasAwsProfileCommand'
            $result.Result.Answers[1].Message | Should -BeLike "*no credential_process helper for $runtime*Install-PSResource CasAws -Reinstall*"
            $result.Result.ConfigWritten | Should -BeFalse
        } finally {
            Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
        }
    }
}

Describe 'The credential_process helper' {
    BeforeAll { $script:Scratch = Enter-CasAwsScratch }
    AfterAll { Exit-CasAwsScratch $script:Scratch }

    It 'prints only the credential_process JSON for cached credentials, with the exact values' {
        $credential = New-CasAwsTestCredential
        $credential | Register-CasAwsProfile cas-json -Server $script:Server -RoleArn $script:Role | Out-Null

        $result = Invoke-CasAwsHelper @('--profile', 'cas-json')

        $result.TimedOut | Should -BeFalse
        $result.ExitCode | Should -Be 0
        $result.StdErr | Should -BeNullOrEmpty
        $result.StdOut | Should -Match '^\{"Version": 1, '
        $json = $result.StdOut | ConvertFrom-Json -AsHashtable
        @($json.Keys | Sort-Object) | Should -Be @('AccessKeyId', 'AccountId', 'Expiration', 'SecretAccessKey', 'SessionToken', 'Version')
        $json.Version | Should -BeOfType [long]
        $json.AccessKeyId | Should -Be $credential.AccessKey
        $json.SecretAccessKey | Should -Be $credential.SecretKey
        $json.SessionToken | Should -Be $credential.SessionToken
        $json.AccountId | Should -Be '123456789012'
        $result.StdOut | Should -Match '"Expiration": "\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"'
    }

    It 'hands out nothing with 15 minutes or less left and says on one stderr line what to run, without secrets' {
        $credential = New-CasAwsTestCredential -Life ([TimeSpan]::FromMinutes(14))
        $credential | Register-CasAwsProfile cas-soon -Server $script:Server -RoleArn $script:Role | Out-Null

        $result = Invoke-CasAwsHelper @('--profile', 'cas-soon')

        $result.ExitCode | Should -Be 1
        $result.StdOut | Should -BeNullOrEmpty
        @($result.StdErr.TrimEnd("`n") -split "`n").Count | Should -Be 1
        $result.StdErr | Should -BeLike "*Get-CasAwsCredential -Server '$script:Server' -RoleArn '$script:Role'*"
        $result.StdErr | Should -Not -BeLike "*$($credential.SecretKey)*"
        $result.StdErr | Should -Not -BeLike "*$($credential.SessionToken)*"
        $result.StdErr | Should -Not -BeLike "*$($credential.AccessKey)*"
    }

    It 'treats a corrupt or foreign cache file as empty' {
        Register-CasAwsProfile cas-corrupt -Server $script:Server -RoleArn $script:Role | Out-Null
        $entry = Get-ChildItem (Join-Path $script:Scratch.Cache 'credentials') -Filter 'cas-corrupt.cache'
        [IO.File]::WriteAllBytes($entry.FullName, [byte[]] (0..255))

        $result = Invoke-CasAwsHelper @('--profile', 'cas-corrupt', '--server', 'https://cas.example.org/cas', '--role-arn', $script:Role)

        $result.ExitCode | Should -Be 1
        $result.StdErr | Should -BeLike "*no cached credentials for profile 'cas-corrupt'*"
        $result.StdErr | Should -BeLike "*-Server 'https://cas.example.org/cas'*"   # from its arguments, since the cache says nothing
    }

    It 'answers a usage error on stderr' {
        $result = Invoke-CasAwsHelper @('--bogus')

        $result.ExitCode | Should -Be 2
        $result.StdErr | Should -BeLike '*Register-CasAwsProfile*'
    }
}

Describe 'The AWS CLI with a credential_process profile' -Skip:$script:NoCli {
    BeforeAll { $script:Scratch = Enter-CasAwsScratch }
    AfterAll { Exit-CasAwsScratch $script:Scratch }

    It 'gets the cached credentials through the helper' {
        $credential = New-CasAwsTestCredential -AccessKey 'ASIACLIPROCESS000001'
        $credential | Register-CasAwsProfile cas-cli -Server $script:Server -RoleArn $script:Role | Out-Null

        $result = Invoke-Cli @('configure', 'export-credentials', '--profile', 'cas-cli', '--format', 'process')

        $result.ExitCode | Should -Be 0 -Because $result.StdErr
        $result.Json.AccessKeyId | Should -Be 'ASIACLIPROCESS000001'
        $result.Json.SecretAccessKey | Should -Be $credential.SecretKey
        $result.Json.SessionToken | Should -Be $credential.SessionToken
    }

    It 'shows the helper''s line when the cached credentials have expired' {
        New-CasAwsTestCredential -Life ([TimeSpan]::FromMinutes(-5)) | Register-CasAwsProfile cas-old -Server $script:Server -RoleArn $script:Role | Out-Null

        $result = Invoke-Cli @('sts', 'get-caller-identity', '--profile', 'cas-old', '--endpoint-url', 'http://127.0.0.1:9')

        $result.ExitCode | Should -Not -Be 0
        $result.StdErr | Should -BeLike "*custom-process: CasAws credentials for profile 'cas-old' expired at *Get-CasAwsCredential -Server '$script:Server' -RoleArn '$script:Role'*"
    }
}
