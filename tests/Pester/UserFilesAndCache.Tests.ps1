# Issue 8, part C, through the built module: the user's AWS files are changed only where CasAws wrote
# them (item 5), the private cache is used only when it is really private (item 6), failures after a
# successful login cost warnings, never the credentials (item 7), and one login never spoils another
# profile's cache (item 9). Files live in a scratch folder, never in ~/.aws.
BeforeDiscovery {
    $script:NotRoot = $IsWindows -or ((id -u) -ne '0')
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport/Emulator.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'TestSupport/CasAwsFiles.psm1') -Force
    Import-Module (Join-Path $env:CASAWS_REPO_ROOT 'artifacts/CasAws/CasAws.psd1') -Force
    $script:Server = 'https://cas.example.org/cas'
    $script:Developer = 'arn:aws:iam::123456789012:role/CasDeveloper'
    $script:Utf8 = [System.Text.UTF8Encoding]::new($false)
    $script:OwnerOnly = [IO.UnixFileMode] 'UserRead, UserWrite, UserExecute'
    $script:Everyone = [IO.UnixFileMode] 'UserRead, UserWrite, UserExecute, GroupRead, GroupWrite, GroupExecute, OtherRead, OtherWrite, OtherExecute'
}

Describe 'The user''s AWS files' {
    BeforeEach { $script:Scratch = Enter-CasAwsScratch }
    AfterEach { Exit-CasAwsScratch $script:Scratch }

    It 'Unregister-CasAwsProfile default leaves a [default] profile CasAws never wrote' {
        $before = "[default]`nregion = us-west-2`noutput = json`n"
        [IO.File]::WriteAllText($script:Scratch.Config, $before, $script:Utf8)

        { Unregister-CasAwsProfile default -ErrorAction Stop } | Should -Throw -ErrorId 'ProfileNotOwned,CasAws.Commands.UnregisterCasAwsProfileCommand'

        [IO.File]::ReadAllText($script:Scratch.Config) | Should -BeExactly $before
    }

    It 'takes back only what it added to a hand-written profile, giving back the user''s region byte for byte' {
        $before = "[profile work]`r`nregion = eu-west-1`r`noutput = json`r`n# mine`r`ncli_pager =`r`n`r`n[profile other]`r`nregion = us-east-2`r`n"
        [IO.File]::WriteAllText($script:Scratch.Config, $before, $script:Utf8)

        Register-CasAwsProfile work -Server $script:Server -RoleArn $script:Developer -Region ap-south-1 | Out-Null
        $registered = [IO.File]::ReadAllText($script:Scratch.Config)
        $registered | Should -BeLike '*region = ap-south-1*'
        $registered | Should -BeLike '*output = json*'
        Unregister-CasAwsProfile work

        [IO.File]::ReadAllText($script:Scratch.Config) | Should -BeExactly $before
    }

    It 'gives back another tool''s settings that -Force replaced' {
        $before = "[profile tool]`ncredential_process = /usr/local/bin/other-tool --json`nregion = eu-west-1`n"
        [IO.File]::WriteAllText($script:Scratch.Config, $before, $script:Utf8)

        Register-CasAwsProfile tool -Server $script:Server -RoleArn $script:Developer -Force | Out-Null
        [IO.File]::ReadAllText($script:Scratch.Config) | Should -Not -Match '(?m)^credential_process = /usr/local/bin/other-tool'
        Unregister-CasAwsProfile tool

        [IO.File]::ReadAllText($script:Scratch.Config) | Should -BeExactly $before
    }

    It 'refuses a read-only config file, keeping its content and its mode' -Skip:$IsWindows {
        $before = "[default]`nregion = us-west-2`n"
        [IO.File]::WriteAllText($script:Scratch.Config, $before, $script:Utf8)
        [IO.File]::SetUnixFileMode($script:Scratch.Config, [IO.UnixFileMode] 'UserRead')

        $thrown = { Register-CasAwsProfile cas-dev -Server $script:Server -RoleArn $script:Developer -ErrorAction Stop } | Should -Throw -PassThru

        $thrown.FullyQualifiedErrorId | Should -Be 'AwsFileReadOnly,CasAws.Commands.RegisterCasAwsProfileCommand'
        $thrown.Exception.Message | Should -BeLike '*read-only*'
        [IO.File]::ReadAllText($script:Scratch.Config) | Should -BeExactly $before
        [IO.File]::GetUnixFileMode($script:Scratch.Config) | Should -Be ([IO.UnixFileMode] 'UserRead')
    }

    It 'says that a symbolic link points to nothing, and keeps the link' -Skip:$IsWindows {
        $target = Join-Path $script:Scratch.Root 'dotfiles/aws-config'
        New-Item -ItemType SymbolicLink -Path $script:Scratch.Config -Target $target | Out-Null

        $thrown = { Register-CasAwsProfile cas-dev -Server $script:Server -RoleArn $script:Developer -ErrorAction Stop } | Should -Throw -PassThru

        $thrown.FullyQualifiedErrorId | Should -Be 'AwsFileDanglingLink,CasAws.Commands.RegisterCasAwsProfileCommand'
        $thrown.Exception.Message | Should -BeLike "*symbolic link*$target*does not exist*"
        (Get-Item $script:Scratch.Config).LinkTarget | Should -Be $target
        Test-Path $target | Should -BeFalse
    }
}

Describe 'The private cache directory' -Skip:$IsWindows {
    BeforeEach { $script:Scratch = Enter-CasAwsScratch }
    AfterEach { Exit-CasAwsScratch $script:Scratch }

    It 'is not used, nor re-moded, when group or others can write to it' {
        New-Item -ItemType Directory -Path $script:Scratch.Cache | Out-Null
        [IO.File]::SetUnixFileMode($script:Scratch.Cache, $script:Everyone)

        $thrown = { Register-CasAwsProfile cas-dev -Server $script:Server -RoleArn $script:Developer -ErrorAction Stop } | Should -Throw -PassThru

        $thrown.FullyQualifiedErrorId | Should -Be 'CacheDirectoryUntrusted,CasAws.Commands.RegisterCasAwsProfileCommand'
        $thrown.Exception.Message | Should -BeLike "*$($script:Scratch.Cache)*group or others can write*"
        [IO.File]::GetUnixFileMode($script:Scratch.Cache) | Should -Be $script:Everyone
        Get-ChildItem $script:Scratch.Cache | Should -BeNullOrEmpty
        Test-Path $script:Scratch.Config | Should -BeFalse
    }

    It 'is not used when another user owns it' -Skip:$script:NotRoot {
        New-Item -ItemType Directory -Path $script:Scratch.Cache | Out-Null
        [IO.File]::SetUnixFileMode($script:Scratch.Cache, $script:OwnerOnly)
        chown 65534 $script:Scratch.Cache

        $thrown = { Get-CasAwsProfile -ErrorAction Stop } | Should -Throw -PassThru

        $thrown.FullyQualifiedErrorId | Should -Be 'CacheDirectoryUntrusted,CasAws.Commands.GetCasAwsProfileCommand'
        $thrown.Exception.Message | Should -BeLike '*belongs to user id 65534*'
    }

    It 'is not read by the credential_process helper once others can write to it' {
        New-CasAwsTestCredential | Register-CasAwsProfile cas-dev -Server $script:Server -RoleArn $script:Developer | Out-Null
        [IO.File]::SetUnixFileMode((Join-Path $script:Scratch.Cache 'credentials'), $script:Everyone)

        $result = Invoke-CasAwsHelper -Arguments '--profile', 'cas-dev'

        $result.ExitCode | Should -Be 1 -Because $result.StdErr
        $result.StdOut | Should -BeNullOrEmpty
        $result.StdErr | Should -BeLike '*does not use*group or others can write*'
    }

    It 'keeps the mode of an existing private directory it did not create' {
        New-Item -ItemType Directory -Path $script:Scratch.Cache | Out-Null
        $mode = [IO.UnixFileMode] 'UserRead, UserWrite, UserExecute, GroupRead, GroupExecute'
        [IO.File]::SetUnixFileMode($script:Scratch.Cache, $mode)

        Register-CasAwsProfile cas-dev -Server $script:Server -RoleArn $script:Developer | Out-Null

        [IO.File]::GetUnixFileMode($script:Scratch.Cache) | Should -Be $mode
        [IO.File]::GetUnixFileMode((Join-Path $script:Scratch.Cache 'credentials')) | Should -Be $script:OwnerOnly -Because 'CasAws created that one'
    }
}

Describe 'After a successful login' {
    BeforeAll {
        $script:Emu = Start-CasAwsEmulator
        $script:Cas = $script:Emu.CasBaseHttps
        $script:Bob = [pscredential]::new('bob', (ConvertTo-SecureString 'bob-pw' -AsPlainText -Force))
        $script:CasUser = [pscredential]::new('casuser', (ConvertTo-SecureString 'Mellon' -AsPlainText -Force))
        $script:Login = @{ Server = $script:Cas; CaBundlePath = $script:Emu.CertificatePath; RoleArn = $script:Developer }
    }
    AfterAll { Stop-CasAwsEmulator $script:Emu }
    BeforeEach { $script:Scratch = Enter-CasAwsScratch }
    AfterEach { Exit-CasAwsScratch $script:Scratch }

    It 'a profile file that cannot be written is a warning, and the credentials are still returned' {
        # The credentials file is checked before the login (no push spent on it); the config file, where the
        # region goes, is written only after it, so a config path under a plain file fails after the login.
        [IO.File]::WriteAllText((Join-Path $script:Scratch.Root 'not-a-directory'), 'x')
        $env:AWS_CONFIG_FILE = Join-Path $script:Scratch.Root 'not-a-directory/config'

        $credential = Get-CasAwsCredential @script:Login -Credential $script:Bob -StoreAs cas-dev -Region us-east-1 -ErrorAction Stop -WarningVariable warnings 3>$null

        $credential.AccessKey | Should -Match '^ASIA'
        $warnings | Should -HaveCount 1
        "$warnings" | Should -BeLike "*not stored as profile 'cas-dev'*still returned*"
        "$warnings" | Should -Not -BeLike "*$($credential.SecretKey)*"
    }

    It 'a credential_process cache that cannot be written is a warning, and the credentials are still returned' -Skip:$IsWindows {
        Register-CasAwsProfile cas-dev -Server $script:Cas -RoleArn $script:Developer | Out-Null
        $directory = Join-Path $script:Scratch.Cache 'credentials'
        if ((id -u) -eq '0') { chattr +i $directory } else { [IO.File]::SetUnixFileMode($directory, [IO.UnixFileMode] 'UserRead, UserExecute') }
        try {
            $credential = Get-CasAwsCredential @script:Login -Credential $script:Bob -ErrorAction Stop -WarningVariable warnings 3>$null
        } finally {
            if ((id -u) -eq '0') { chattr -i $directory } else { [IO.File]::SetUnixFileMode($directory, $script:OwnerOnly) }
        }

        $credential.AccessKey | Should -Match '^ASIA'
        "$warnings" | Should -BeLike "*credential_process cache for profile 'cas-dev' was not updated*"
        "$warnings" | Should -Not -BeLike "*$($credential.SecretKey)*"
        (Get-CasAwsProfile cas-dev).CachedUntil | Should -BeNullOrEmpty
    }

    It 'a shorter login does not replace longer-lived keys in a profile''s cache' {
        New-CasAwsTestCredential -Life ([TimeSpan]::FromHours(8)) -AccessKey 'ASIALONGLIVED0000001' |
            Register-CasAwsProfile cas-dev -Server $script:Cas -RoleArn $script:Developer | Out-Null

        Get-CasAwsCredential @script:Login -Credential $script:Bob -Duration 00:15:00 | Out-Null

        (Invoke-CasAwsHelper -Arguments '--profile', 'cas-dev').StdOut | ConvertFrom-Json | ForEach-Object AccessKeyId | Should -Be 'ASIALONGLIVED0000001'
        (Get-CasAwsProfile cas-dev).CachedUntil | Should -BeGreaterThan ([datetime]::UtcNow.AddHours(7))
    }

    It 'a profile registered for one CAS user is filled only by that user''s logins' {
        Get-CasAwsCredential @script:Login -Credential $script:Bob -Duration 01:00:00 | Register-CasAwsProfile bob-dev | Out-Null
        $bobs = (Invoke-CasAwsHelper -Arguments '--profile', 'bob-dev').StdOut | ConvertFrom-Json

        $casusers = Get-CasAwsCredential @script:Login -Credential $script:CasUser -Duration 02:00:00
        (Invoke-CasAwsHelper -Arguments '--profile', 'bob-dev').StdOut | ConvertFrom-Json | ForEach-Object AccessKeyId | Should -Be $bobs.AccessKeyId
        $casusers.AccessKey | Should -Not -Be $bobs.AccessKeyId

        $bobsNext = Get-CasAwsCredential @script:Login -Credential $script:Bob -Duration 02:00:00
        (Invoke-CasAwsHelper -Arguments '--profile', 'bob-dev').StdOut | ConvertFrom-Json | ForEach-Object AccessKeyId | Should -Be $bobsNext.AccessKey
    }
}

Describe 'Removing the module' {
    BeforeAll {
        $script:Emu = Start-CasAwsEmulator
    }
    AfterAll {
        Stop-CasAwsEmulator $script:Emu
        Import-Module (Join-Path $env:CASAWS_REPO_ROOT 'artifacts/CasAws/CasAws.psd1') -Force
    }

    It 'wipes the session: its password and cached credentials are gone, and nothing is connected after a new import' {
        $bob = [pscredential]::new('bob', (ConvertTo-SecureString 'bob-pw' -AsPlainText -Force))
        $session = Connect-CasAws -Server $script:Emu.CasBaseHttps -Credential $bob -CaBundlePath $script:Emu.CertificatePath -RoleArn 'arn:aws:iam::123456789012:role/CasDeveloper'
        $session.HasPassword | Should -BeTrue
        $session.CachedCredentialCount | Should -Be 1

        Remove-Module CasAws

        $session.HasPassword | Should -BeFalse
        $session.CachedCredentialCount | Should -Be 0
        Import-Module (Join-Path $env:CASAWS_REPO_ROOT 'artifacts/CasAws/CasAws.psd1') -Force
        { Get-CasAwsCredential -ErrorAction Stop } | Should -Throw -ErrorId 'NotConnected,CasAws.Commands.GetCasAwsCredentialCommand'
    }
}
