# Credentials from a real CAS flow (the emulator) handed to the real AWS CLI three ways: a profile
# written by Get-CasAwsCredential -StoreAs, a credential_process profile filled by the login, and
# Invoke-CasAwsCommand. The AWS CLI then asks the emulator's STS who it is.
BeforeDiscovery {
    Import-Module (Join-Path $env:CASAWS_REPO_ROOT 'tests/Pester/TestSupport/Emulator.psm1') -Force
    $script:NoCli = -not (Get-TestAwsCliPath)
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport/Emulator.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'TestSupport/CasAwsFiles.psm1') -Force
    Import-Module (Join-Path $env:CASAWS_REPO_ROOT 'artifacts/CasAws/CasAws.psd1') -Force
    $script:Emu = Start-CasAwsEmulator
    $script:Cas = $script:Emu.CasBaseHttps
    $script:Developer = 'arn:aws:iam::123456789012:role/CasDeveloper'
    $script:Bob = [pscredential]::new('bob', (ConvertTo-SecureString 'bob-pw' -AsPlainText -Force))
    $script:Login = @{ Server = $script:Cas; Credential = $script:Bob; CaBundlePath = $script:Emu.CertificatePath }
    $script:Utf8 = [System.Text.UTF8Encoding]::new($false)

    function script:Invoke-CallerIdentity([string] $ProfileName) {
        $arguments = @('sts', 'get-caller-identity', '--endpoint-url', $script:Emu.StsUrlHttp, '--output', 'json')
        if ($ProfileName) { $arguments += @('--profile', $ProfileName) }
        Invoke-TestAwsCli -Arguments $arguments -Environment @{
            AWS_CONFIG_FILE = $env:AWS_CONFIG_FILE; AWS_SHARED_CREDENTIALS_FILE = $env:AWS_SHARED_CREDENTIALS_FILE; CASAWS_CACHE_DIR = $env:CASAWS_CACHE_DIR
        }
    }
    function script:Get-CasCallCount { @(Get-CasAwsEmulatorRequest $script:Emu | ForEach-Object { $_ } | Where-Object { $_.path -like '*awsSts*' }).Count }
}

AfterAll {
    Disconnect-CasAws
    Stop-CasAwsEmulator $script:Emu
}

Describe 'Get-CasAwsCredential -StoreAs' {
    BeforeEach { $script:Scratch = Enter-CasAwsScratch }
    AfterEach { Exit-CasAwsScratch $script:Scratch }

    It 'writes a profile the AWS CLI uses, changing nothing else in the file' -Skip:$script:NoCli {
        $before = "# long-term keys, keep`r`n[default]`r`naws_access_key_id = AKIAKEEPME`r`naws_secret_access_key = keep/me`r`n`r`n; another tool`r`n[other]`r`nregion=eu-west-1"
        [IO.File]::WriteAllText($script:Scratch.Credentials, $before, $script:Utf8)

        $credential = Get-CasAwsCredential @script:Login -RoleArn $script:Developer -StoreAs cas-dev -WarningAction SilentlyContinue

        $expected = $before + "`r`n`r`n[cas-dev]`r`naws_access_key_id = $($credential.AccessKey)`r`naws_secret_access_key = $($credential.SecretKey)`r`n" +
            "aws_session_token = $($credential.SessionToken)`r`nx_security_token_expires = $($credential.Expiration.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"))`r`n" +
            "x_principal_arn = $script:Developer`r`nx_casaws_managed = true"
        [IO.File]::ReadAllText($script:Scratch.Credentials) | Should -BeExactly $expected
        if (-not $IsWindows) { [IO.File]::GetUnixFileMode($script:Scratch.Credentials) | Should -Be ([IO.UnixFileMode] 'UserRead, UserWrite') }
        Test-Path $script:Scratch.Config | Should -BeFalse -Because 'CAS sent no region, so the config file is not touched'

        $who = Invoke-CallerIdentity cas-dev
        $who.ExitCode | Should -Be 0 -Because $who.StdErr
        $who.Json.Arn | Should -BeLike 'arn:aws:sts::123456789012:assumed-role/CasDeveloper/*'
        $who.Json.Account | Should -Be '123456789012'
    }

    It 'warns when the profile gets no region (CAS sent none), and writes the one -Region gives, which the AWS CLI then uses' -Skip:$script:NoCli {
        Get-CasAwsCredential @script:Login -RoleArn $script:Developer -StoreAs cas-dev -WarningVariable warnings -WarningAction SilentlyContinue | Out-Null
        "$warnings" | Should -BeLike "*CAS sent no region*'cas-dev'*-Region*"

        Get-CasAwsCredential @script:Login -RoleArn $script:Developer -StoreAs cas-dev -Region eu-west-3 -WarningVariable none -WarningAction SilentlyContinue | Out-Null
        $none | Should -BeNullOrEmpty
        [IO.File]::ReadAllText($script:Scratch.Config) | Should -Match '\[profile cas-dev\]\s+region = eu-west-3'
        $configured = Invoke-TestAwsCli -Arguments @('configure', 'get', 'region', '--profile', 'cas-dev') -Environment @{
            AWS_CONFIG_FILE = $env:AWS_CONFIG_FILE; AWS_SHARED_CREDENTIALS_FILE = $env:AWS_SHARED_CREDENTIALS_FILE
        }
        $configured.StdOut.Trim() | Should -Be 'eu-west-3'

        Get-CasAwsCredential @script:Login -RoleArn $script:Developer -StoreAs cas-dev -Force -WarningVariable again -WarningAction SilentlyContinue | Out-Null
        $again | Should -BeNullOrEmpty -Because 'the profile keeps the region it has'
    }

    It 'puts a real region into the config file profile' {
        $session = $script:Emu.CasServers.'cas-session'
        $casuser = [pscredential]::new('casuser', (ConvertTo-SecureString 'Mellon' -AsPlainText -Force))

        $credential = Get-CasAwsCredential -Server $session.CasBaseHttps -Credential $casuser -CaBundlePath $script:Emu.CertificatePath -StoreAs cas-session

        $credential.Region | Should -Be 'us-east-1'
        [IO.File]::ReadAllText($script:Scratch.Config) | Should -BeExactly "[profile cas-session]$([Environment]::NewLine)region = us-east-1$([Environment]::NewLine)"
    }

    It 'does not overwrite long-term keys without -Force, and finds that out before logging in (no push)' {
        $before = "[prod]`naws_access_key_id = AKIALONGTERM`naws_secret_access_key = long/term`n"
        [IO.File]::WriteAllText($script:Scratch.Credentials, $before, $script:Utf8)
        $casCalls = Get-CasCallCount

        $credential = Get-CasAwsCredential @script:Login -RoleArn $script:Developer -StoreAs prod -ErrorVariable failures -ErrorAction SilentlyContinue

        $credential | Should -BeNullOrEmpty -Because 'nothing was asked of CAS'
        Get-CasCallCount | Should -Be $casCalls
        $failures[0].FullyQualifiedErrorId | Should -Be 'ProfileNotOwned,CasAws.Commands.GetCasAwsCredentialCommand'
        [IO.File]::ReadAllText($script:Scratch.Credentials) | Should -BeExactly $before

        Get-CasAwsCredential @script:Login -RoleArn $script:Developer -StoreAs prod -Force -WarningAction SilentlyContinue | Out-Null
        [IO.File]::ReadAllText($script:Scratch.Credentials) | Should -Not -BeLike '*AKIALONGTERM*'
    }

    It 'writes nothing and spends no login (no push) with -WhatIf' {
        $casCalls = Get-CasCallCount

        $output = Invoke-WithoutHost Get-CasAwsCredential ($script:Login + @{ RoleArn = $script:Developer; StoreAs = 'cas-dev'; Force = $true; WhatIf = $true })

        $output | Should -BeNullOrEmpty
        Test-Path $script:Scratch.Credentials | Should -BeFalse
        Get-CasCallCount | Should -Be $casCalls
    }

    It 'refuses a credentials or config file that does not parse before logging in' -TestCases @(
        @{ File = 'Credentials' }
        @{ File = 'Config' }
    ) {
        $broken = "[ok]`nregion = x`n[unclosed`n"
        [IO.File]::WriteAllText($script:Scratch.$File, $broken, $script:Utf8)
        $casCalls = Get-CasCallCount

        Get-CasAwsCredential @script:Login -RoleArn $script:Developer -StoreAs cas-dev -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty

        $failures[0].FullyQualifiedErrorId | Should -Be 'AwsFileMalformed,CasAws.Commands.GetCasAwsCredentialCommand'
        $failures[0].Exception.Message | Should -BeLike '*line 3*'
        Get-CasCallCount | Should -Be $casCalls
        [IO.File]::ReadAllText($script:Scratch.$File) | Should -BeExactly $broken
    }

    It 'refuses a credentials file it could not write before logging in' {
        # A file where a directory of the path should be: unwritable for root too.
        $blocker = Join-Path $script:Scratch.Root 'not-a-directory'
        [IO.File]::WriteAllText($blocker, 'a file', $script:Utf8)
        $casCalls = Get-CasCallCount

        Get-CasAwsCredential @script:Login -RoleArn $script:Developer -StoreAs cas-dev -ProfileLocation (Join-Path $blocker 'credentials') -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty

        $failures[0].FullyQualifiedErrorId | Should -Be 'AwsFileNotWritable,CasAws.Commands.GetCasAwsCredentialCommand'
        Get-CasCallCount | Should -Be $casCalls
    }

    It 'refuses a bad profile name before logging in' {
        $casCalls = Get-CasCallCount

        Get-CasAwsCredential @script:Login -RoleArn $script:Developer -StoreAs 'bad]name' -Force -ErrorVariable failures -ErrorAction SilentlyContinue | Out-Null

        $failures[0].FullyQualifiedErrorId | Should -Be 'InvalidProfileName,CasAws.Commands.GetCasAwsCredentialCommand'
        Get-CasCallCount | Should -Be $casCalls
    }
}

Describe 'A credential_process profile filled by a login' -Skip:$script:NoCli {
    BeforeAll { $script:Scratch = Enter-CasAwsScratch }
    AfterAll { Exit-CasAwsScratch $script:Scratch }

    It 'serves the AWS CLI from the cache after one login, without calling CAS again' {
        Register-CasAwsProfile cas-proc -Server $script:Cas -RoleArn $script:Developer | Out-Null
        $missing = Invoke-CallerIdentity cas-proc
        $missing.ExitCode | Should -Not -Be 0
        $missing.StdErr | Should -BeLike "*no cached credentials for profile 'cas-proc'*Get-CasAwsCredential -Server '$($script:Cas.TrimEnd('/'))' -RoleArn '$script:Developer'*"

        $credential = Get-CasAwsCredential @script:Login -RoleArn $script:Developer
        $casCalls = Get-CasCallCount
        $first = Invoke-CallerIdentity cas-proc
        $second = Invoke-CallerIdentity cas-proc

        $first.ExitCode | Should -Be 0 -Because $first.StdErr
        $first.Json.Arn | Should -BeLike 'arn:aws:sts::123456789012:assumed-role/CasDeveloper/*'
        $second.Json.Arn | Should -Be $first.Json.Arn
        Get-CasCallCount | Should -Be $casCalls
        (Get-CasAwsProfile cas-proc).CachedUntil | Should -Be ([datetime]::new($credential.Expiration.Ticks - $credential.Expiration.Ticks % [TimeSpan]::TicksPerSecond, 'Utc'))
    }

    It 'the next login replaces a helper copy whose content is not what CasAws wrote, and the AWS CLI runs the real one (issue 19)' {
        Register-CasAwsProfile cas-copy -Server $script:Cas -RoleArn $script:Developer | Out-Null
        $copy = (Get-CasAwsProfile cas-copy).HelperPath
        [IO.File]::WriteAllText("$copy.source", "99.0.0.0 1 1 /elsewhere/CasAws/99.0.0/bin/x/CasAws.CredentialProcess`n")
        [IO.File]::WriteAllText($copy, "#!/bin/sh`necho planted >&2; exit 1`n")
        (Get-CasAwsProfile cas-copy -WarningAction SilentlyContinue).HelperState | Should -Be 'Modified'

        Get-CasAwsCredential @script:Login -RoleArn $script:Developer | Out-Null

        (Get-CasAwsProfile cas-copy).HelperState | Should -Be 'Ready'
        $used = Invoke-CallerIdentity cas-copy
        $used.ExitCode | Should -Be 0 -Because $used.StdErr
        $used.StdErr | Should -Not -Match 'planted'
    }

    It 'names a login command that works in a new PowerShell for a module imported by path' {
        Register-CasAwsProfile cas-hint -Server $script:Cas -RoleArn $script:Developer | Out-Null
        $missing = Invoke-CallerIdentity cas-hint
        $hint = ($missing.StdErr -split 'Log in again in PowerShell: ')[1].Trim()
        $hint | Should -BeLike "Import-Module '*CasAws.psd1'; Get-CasAwsCredential *"

        # A new PowerShell that cannot find CasAws by name; the user types the password (here: a default
        # parameter value) and trusts the emulator's test CA, which the hint does not carry.
        $script = "`$env:PSModulePath = ''; `$PSDefaultParameterValues = @{ 'Get-CasAwsCredential:Credential' = [pscredential]::new('bob', (ConvertTo-SecureString bob-pw -AsPlainText -Force)); 'Get-CasAwsCredential:CaBundlePath' = '$($script:Emu.CertificatePath)' }; $hint | Out-Null"
        $pwshArguments = @()
        if ([System.IO.Path]::GetFileNameWithoutExtension([Environment]::ProcessPath) -eq 'dotnet') { $pwshArguments += (Join-Path $PSHOME 'pwsh.dll') }
        $output = & ([Environment]::ProcessPath) @pwshArguments -NoProfile -NonInteractive -Command $script 2>&1
        $LASTEXITCODE | Should -Be 0 -Because ($output | Out-String)

        (Invoke-CallerIdentity cas-hint).ExitCode | Should -Be 0 -Because 'the login the hint ran filled the cache'
    }
}

Describe 'With the Connect-CasAws session' {
    BeforeAll {
        $script:Scratch = Enter-CasAwsScratch
        [IO.File]::WriteAllText($script:Scratch.Config, "[default]`nregion = us-east-1`n", $script:Utf8)
        Connect-CasAws @script:Login | Out-Null
    }
    AfterAll {
        Disconnect-CasAws
        Exit-CasAwsScratch $script:Scratch
    }

    It 'registers a profile for a role given by name, taking the server from the session' {
        $registered = Register-CasAwsProfile cas-named -RoleArn CasDeveloper

        $registered.Server | Should -Be $script:Cas.TrimEnd('/')
        $registered.Role | Should -Be $script:Developer
        [IO.File]::ReadAllText($script:Scratch.Config) | Should -BeLike "*--role-arn `"$script:Developer`"*"
    }

    It 'runs the AWS CLI as the role named by -RoleArn' -Skip:$script:NoCli {
        $sts = $script:Emu.StsUrlHttp

        $output = Invoke-CasAwsCommand -RoleArn CasDeveloper { param($url) /usr/bin/aws sts get-caller-identity --endpoint-url $url --output json } $sts

        $LASTEXITCODE | Should -Be 0
        ($output | Out-String | ConvertFrom-Json).Arn | Should -BeLike 'arn:aws:sts::123456789012:assumed-role/CasDeveloper/*'
        $env:AWS_ACCESS_KEY_ID | Should -BeNullOrEmpty
    }
}

# Issue 20 item 10: the list comes from the AWS files, so clearing the cache loses no profile, and
# 'Get-CasAwsProfile | Unregister-CasAwsProfile' takes back everything CasAws wrote, -StoreAs keys too.
Describe 'Every profile CasAws wrote, listed from the AWS files and taken back' {
    BeforeEach {
        $script:Scratch = Enter-CasAwsScratch
        $script:UserConfig = "# mine, keep`r`n[default]`r`nregion = eu-west-1`r`n`r`n[profile mine]`r`noutput=json`r`n"
        $script:UserCredentials = "[default]`r`naws_access_key_id = AKIAKEEPME`r`naws_secret_access_key = keep/me`r`n"
        [IO.File]::WriteAllText($script:Scratch.Config, $script:UserConfig, $script:Utf8)
        [IO.File]::WriteAllText($script:Scratch.Credentials, $script:UserCredentials, $script:Utf8)
        Register-CasAwsProfile cas-one -Server $script:Cas -RoleArn $script:Developer | Out-Null
        Register-CasAwsProfile cas-two -Server $script:Cas | Out-Null
        $script:Stored = Get-CasAwsCredential @script:Login -RoleArn $script:Developer -StoreAs cas-keys -WarningAction SilentlyContinue
        Remove-Item -LiteralPath $script:Scratch.Cache -Recurse -Force
    }
    AfterEach { Exit-CasAwsScratch $script:Scratch }

    It 'lists both registered profiles and the stored keys after the cache folder is deleted, with their kind and expiry and no secret' {
        $listed = @(Get-CasAwsProfile)

        $listed.ProfileName | Should -Be @('cas-keys', 'cas-one', 'cas-two')
        $listed.Kind | Should -Be @('StoredKeys', 'CredentialProcess', 'CredentialProcess')
        $listed[1].Server | Should -Be $script:Cas.TrimEnd('/')
        $listed[1].Role | Should -Be $script:Developer
        $listed[1].CachedUntil | Should -BeNullOrEmpty -Because 'the cache was deleted'
        $listed[1].HelperState | Should -Be 'Ready'
        $listed[2].Role | Should -BeNullOrEmpty
        $listed[0].Role | Should -Be $script:Developer
        $listed[0].CachedUntil | Should -Be ([datetime]::new($script:Stored.Expiration.Ticks - $script:Stored.Expiration.Ticks % [TimeSpan]::TicksPerSecond, 'Utc'))
        $text = $listed | Format-List * | Out-String
        $text | Should -Not -Match ([regex]::Escape($script:Stored.SecretKey))
        $text | Should -Not -Match ([regex]::Escape($script:Stored.SessionToken))
        @(Get-CasAwsProfile -Name cas-k*).Kind | Should -Be @('StoredKeys')
    }

    It 'Get-CasAwsProfile | Unregister-CasAwsProfile leaves no CasAws section in either file and every byte of the user''s own, which the AWS CLI still reads' -Skip:$script:NoCli {
        Get-CasAwsProfile | Unregister-CasAwsProfile -ErrorVariable failures

        $failures | Should -BeNullOrEmpty
        [IO.File]::ReadAllText($script:Scratch.Config) | Should -BeExactly $script:UserConfig
        [IO.File]::ReadAllText($script:Scratch.Credentials) | Should -BeExactly $script:UserCredentials
        Get-CasAwsProfile | Should -BeNullOrEmpty
        $environment = @{ AWS_CONFIG_FILE = $script:Scratch.Config; AWS_SHARED_CREDENTIALS_FILE = $script:Scratch.Credentials }
        $profiles = Invoke-TestAwsCli -Arguments @('configure', 'list-profiles') -Environment $environment
        $profiles.ExitCode | Should -Be 0 -Because $profiles.StdErr
        @($profiles.StdOut -split '\r?\n' | Where-Object { $_ } | Sort-Object) | Should -Be @('default', 'mine')
        (Invoke-TestAwsCli -Arguments @('configure', 'get', 'aws_access_key_id', '--profile', 'default') -Environment $environment).StdOut.Trim() | Should -Be 'AKIAKEEPME'
    }

    It 'removes stored keys by name and changes nothing with -WhatIf' {
        $before = [IO.File]::ReadAllText($script:Scratch.Credentials)
        Unregister-CasAwsProfile cas-keys -WhatIf
        [IO.File]::ReadAllText($script:Scratch.Credentials) | Should -BeExactly $before

        Unregister-CasAwsProfile cas-keys

        [IO.File]::ReadAllText($script:Scratch.Credentials) | Should -BeExactly $script:UserCredentials
        @(Get-CasAwsProfile).ProfileName | Should -Be @('cas-one', 'cas-two')
    }

    It 'keeps the user''s own keys of a registered profile''s name, even with -Force, unless -Kind StoredKeys asks for them' {
        $own = $script:UserCredentials + "`r`n[cas-one]`r`naws_access_key_id = AKIAMINE`r`naws_secret_access_key = mine`r`n"
        [IO.File]::WriteAllText($script:Scratch.Credentials, $own, $script:Utf8)

        Unregister-CasAwsProfile cas-one -Force

        [IO.File]::ReadAllText($script:Scratch.Credentials) | Should -BeExactly $own
        Get-CasAwsProfile cas-one | Should -BeNullOrEmpty
        Unregister-CasAwsProfile cas-one -Kind StoredKeys -ErrorVariable refused -ErrorAction SilentlyContinue
        $refused.FullyQualifiedErrorId | Should -BeLike 'ProfileNotOwned*'
        Unregister-CasAwsProfile cas-one -Kind StoredKeys -Force
        [IO.File]::ReadAllText($script:Scratch.Credentials) | Should -BeExactly $script:UserCredentials
    }
}
