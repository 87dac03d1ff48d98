# Issue 22, items 1 and 2: a credential_process profile per role from Get-CasAwsRole, named by a template with
# account aliases (saved, or answered by the emulator's IAM double), kept in step with -Prune; the real AWS CLI
# reads the generated profiles, and the emulator's control API counts the CAS calls and Duo pushes.
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
    $script:Admin = 'arn:aws:iam::123456789012:role/engineering/CasAdmin'
    $script:Utf8 = [System.Text.UTF8Encoding]::new($false)
    function script:Login([string] $User, [string] $Password) {
        @{ Server = $script:Cas; CaBundlePath = $script:Emu.CertificatePath; Credential = [pscredential]::new($User, (ConvertTo-SecureString $Password -AsPlainText -Force)) }
    }
    function script:Invoke-CallerIdentity([string] $ProfileName) {
        Invoke-TestAwsCli -Arguments @('sts', 'get-caller-identity', '--endpoint-url', $script:Emu.StsUrlHttp, '--output', 'json', '--profile', $ProfileName) -Environment @{
            AWS_CONFIG_FILE = $env:AWS_CONFIG_FILE; AWS_SHARED_CREDENTIALS_FILE = $env:AWS_SHARED_CREDENTIALS_FILE; CASAWS_CACHE_DIR = $env:CASAWS_CACHE_DIR
        }
    }
    function script:Get-CasCallCount { @(Get-CasAwsEmulatorRequest $script:Emu | ForEach-Object { $_ } | Where-Object { $_.path -like '*awsSts*' }).Count }
    function script:Enter-Scratch {
        $scratch = Enter-CasAwsScratch
        $scratch | Add-Member SavedConfigDir $env:CASAWS_CONFIG_DIR
        $env:CASAWS_CONFIG_DIR = Join-Path $scratch.Root 'settings'
        $scratch
    }
    function script:Exit-Scratch($Scratch) {
        Disconnect-CasAws
        $env:CASAWS_CONFIG_DIR = $Scratch.SavedConfigDir
        Exit-CasAwsScratch $Scratch
    }
    # -WhatIf speaks to the host, not to a stream: a transcript records what the user would read.
    function script:Get-WhatIfText([scriptblock] $Command) {
        $transcript = Join-Path $script:Scratch.Root ('whatif-' + [guid]::NewGuid().ToString('N') + '.txt')
        Start-Transcript -LiteralPath $transcript -UseMinimalHeader | Out-Null
        try { & $Command | Out-Null } finally { Stop-Transcript | Out-Null }
        Get-Content -LiteralPath $transcript -Raw
    }
}

AfterAll {
    Disconnect-CasAws
    Stop-CasAwsEmulator $script:Emu
}

Describe 'Get-CasAwsRole | Register-CasAwsProfile -NameTemplate after one Duo push' -Skip:$script:NoCli {
    BeforeAll {
        $script:Scratch = Enter-Scratch
        Reset-CasAwsEmulator $script:Emu
        # erin: two roles, a Duo push her phone approves after 2 s. The login learns the role list.
        $login = Login erin erin-pw
        Connect-CasAws @login -WarningAction SilentlyContinue | Out-Null
        $script:PushesAfterLogin = (Get-CasAwsEmulatorStat $script:Emu).pushes
        $script:CasCallsAfterLogin = Get-CasCallCount
    }
    AfterAll { Exit-Scratch $script:Scratch }

    It 'registers one profile per role, named by the template with the saved alias, without calling CAS' {
        Set-CasAwsAccountAlias 123456789012 research-prod | Out-Null

        $profiles = Get-CasAwsRole | Register-CasAwsProfile -NameTemplate '{AccountAlias}-{RoleName}' -Region eu-west-1

        $profiles.ProfileName | Should -Be @('research-prod-CasDeveloper', 'research-prod-CasAdmin')
        $profiles.Role | Should -Be @($script:Developer, $script:Admin)
        $script:PushesAfterLogin | Should -Be 1
        $script:CasCallsAfterLogin | Should -Be 1
        Get-CasCallCount | Should -Be 1 -Because 'the roles come from the session'
        (Get-CasAwsEmulatorStat $script:Emu).pushes | Should -Be 1
        $config = [IO.File]::ReadAllText($script:Scratch.Config)
        $config | Should -BeLike "*[[]profile research-prod-CasAdmin]*--role-arn `"$script:Admin`"*--user `"erin`"*"
    }

    It 'the AWS CLI runs each profile''s helper, which names the login that fills it and never logs in without a terminal' {
        foreach ($role in @{ Name = 'research-prod-CasDeveloper'; Arn = $script:Developer }, @{ Name = 'research-prod-CasAdmin'; Arn = $script:Admin }) {
            $result = Invoke-CallerIdentity $role.Name

            $result.ExitCode | Should -Not -Be 0
            $result.StdErr | Should -BeLike "*Get-CasAwsCredential*-RoleArn '$($role.Arn)'*"
        }
        Get-CasCallCount | Should -Be 1
    }

    It 'each role''s own login fills its profile, and the AWS CLI then uses every profile with no further CAS call' {
        # CAS's awsSts answers one role's keys per login; the profiles take them as they come (no -StoreAs, no re-registration).
        Get-CasAwsRole | Get-CasAwsCredential | Out-Null
        $casCalls = Get-CasCallCount

        $developer = Invoke-CallerIdentity research-prod-CasDeveloper
        $admin = Invoke-CallerIdentity research-prod-CasAdmin

        $developer.ExitCode | Should -Be 0 -Because $developer.StdErr
        $developer.Json.Arn | Should -BeLike 'arn:aws:sts::123456789012:assumed-role/CasDeveloper/*'
        $admin.ExitCode | Should -Be 0 -Because $admin.StdErr
        $admin.Json.Arn | Should -BeLike 'arn:aws:sts::123456789012:assumed-role/CasAdmin/*'
        $casCalls | Should -Be 3
        Get-CasCallCount | Should -Be $casCalls
    }

    It 'registering again from the session caches the keys it holds at once, so a new profile works with no CAS call' {
        $profiles = Get-CasAwsRole | Register-CasAwsProfile -NameTemplate 'again-{RoleName}'
        $who = Invoke-CallerIdentity again-CasAdmin

        $profiles.CachedUntil | Should -Not -BeNullOrEmpty
        $who.ExitCode | Should -Be 0 -Because $who.StdErr
        $who.Json.Arn | Should -BeLike 'arn:aws:sts::123456789012:assumed-role/CasAdmin/*'
        Get-CasCallCount | Should -Be 3
    }
}

Describe 'Register-CasAwsProfile -NameTemplate -Prune' {
    BeforeEach {
        $script:Scratch = Enter-Scratch
        $login = Login bob bob-pw
        Connect-CasAws @login -WarningAction SilentlyContinue | Out-Null
        Get-CasAwsRole | Register-CasAwsProfile -NameTemplate 'cas-{RoleName}' | Out-Null
        # Another user's CasAws profile for the same server, and a profile the user wrote by hand.
        Register-CasAwsProfile cas-alice -Server $script:Cas -RoleArn $script:Admin -UserName alice | Out-Null
        [IO.File]::AppendAllText($script:Scratch.Config, "`n[profile cas-mine]`nrole_arn = $script:Admin`nsource_profile = default`n", $script:Utf8)
    }
    AfterEach { Exit-Scratch $script:Scratch }

    It 'gives each role a safe name the AWS CLI reads' -Skip:$script:NoCli {
        (Get-CasAwsProfile cas-*).ProfileName | Sort-Object | Should -Be @('cas-alice', 'cas-CasAdmin', 'cas-CasDeveloper', 'cas-Read-Only-1-x-y_z-2')
        Get-CasAwsCredential -RoleArn $script:Developer | Out-Null

        $who = Invoke-CallerIdentity cas-CasDeveloper

        $who.ExitCode | Should -Be 0 -Because $who.StdErr
        $who.Json.Arn | Should -BeLike 'arn:aws:sts::123456789012:assumed-role/CasDeveloper/*'
    }

    It '-WhatIf names what would be changed and removed and writes nothing' {
        $config = [IO.File]::ReadAllBytes($script:Scratch.Config)
        $cache = Get-ChildItem -LiteralPath $script:Scratch.Cache -Recurse -File | ForEach-Object FullName

        $text = Get-WhatIfText { Get-CasAwsRole CasDeveloper | Register-CasAwsProfile -NameTemplate 'cas-{RoleName}' -Prune -WhatIf }

        $text | Should -BeLike "*Change profile 'cas-CasDeveloper'*"
        $text | Should -BeLike "*Remove profile 'cas-CasAdmin'*no longer listed*"
        $text | Should -BeLike "*Remove profile 'cas-Read-Only-1-x-y_z-2'*"
        $text | Should -Not -BeLike '*cas-alice*'
        $text | Should -Not -BeLike '*cas-mine*'
        [IO.File]::ReadAllBytes($script:Scratch.Config) | Should -Be $config
        Get-ChildItem -LiteralPath $script:Scratch.Cache -Recurse -File | ForEach-Object FullName | Should -Be $cache
    }

    It 'removes only the CasAws profiles of this server and user whose role is gone, as Unregister does' {
        $profiles = Get-CasAwsRole CasDeveloper | Register-CasAwsProfile -NameTemplate 'cas-{RoleName}' -Prune

        $profiles.ProfileName | Should -Be 'cas-CasDeveloper'
        (Get-CasAwsProfile cas-*).ProfileName | Sort-Object | Should -Be @('cas-alice', 'cas-CasDeveloper')
        $config = [IO.File]::ReadAllText($script:Scratch.Config)
        $config | Should -Not -BeLike '*profile cas-CasAdmin*'
        $config | Should -BeLike "*[[]profile cas-mine]`nrole_arn = $script:Admin`nsource_profile = default*"
        $config | Should -BeLike '*[[]profile cas-alice]*'
    }

    It '-WhatIf names a profile the template has not registered before as an addition' {
        $text = Get-WhatIfText { Get-CasAwsRole | Register-CasAwsProfile -NameTemplate '{AccountId}-{RoleName}' -WhatIf }

        $text | Should -BeLike "*Add profile '123456789012-CasDeveloper'*"
    }
}

Describe 'Name template errors' {
    BeforeAll {
        $script:Scratch = Enter-Scratch
        $login = Login bob bob-pw
        Connect-CasAws @login -WarningAction SilentlyContinue | Out-Null
    }
    AfterAll { Exit-Scratch $script:Scratch }

    It 'refuses a template that gives two roles one name, with ProfileNameClash, before writing anything' {
        { Get-CasAwsRole | Register-CasAwsProfile -NameTemplate '{AccountId}' -ErrorAction Stop } |
            Should -Throw -ErrorId 'ProfileNameClash,CasAws.Commands.RegisterCasAwsProfileCommand'
        Test-Path $script:Scratch.Config | Should -BeFalse
    }

    It 'refuses an unknown placeholder with ProfileNameTemplateInvalid' {
        { Get-CasAwsRole | Register-CasAwsProfile -NameTemplate '{Account}-{RoleName}' -ErrorAction Stop } |
            Should -Throw -ErrorId 'ProfileNameTemplateInvalid,CasAws.Commands.RegisterCasAwsProfileCommand'
    }
}

Describe 'Account aliases' {
    BeforeAll {
        $script:Scratch = Enter-Scratch
        Reset-CasAwsEmulator $script:Emu
        $login = Login bob bob-pw
        Connect-CasAws @login -WarningAction SilentlyContinue | Out-Null
    }
    AfterAll { Exit-Scratch $script:Scratch }

    It 'set, get and remove an alias on the saved connection; Get-CasAwsRole shows it' {
        $set = Set-CasAwsAccountAlias 123456789012 research-prod

        $set.AccountId | Should -Be '123456789012'
        $set.Alias | Should -Be 'research-prod'
        (Get-CasAwsAccountAlias).Alias | Should -Be 'research-prod'
        (Get-CasAwsRole CasDeveloper).AccountAlias | Should -Be 'research-prod'

        Get-CasAwsAccountAlias | Remove-CasAwsAccountAlias

        Get-CasAwsAccountAlias | Should -BeNullOrEmpty
        (Get-CasAwsRole CasDeveloper).AccountAlias | Should -BeNullOrEmpty
    }

    It 'refuses an alias or account id out of shape with AccountAliasInvalid, and a missing one with AccountAliasNotFound' -TestCases @(
        @{ Id = '123456789012'; Alias = 'Research Prod' }
        @{ Id = '12345'; Alias = 'research-prod' }
        @{ Id = '123456789012'; Alias = "evil`e[31m" }
    ) {
        { Set-CasAwsAccountAlias $Id $Alias -ErrorAction Stop } | Should -Throw -ErrorId 'AccountAliasInvalid,CasAws.Commands.SetCasAwsAccountAliasCommand'
        { Remove-CasAwsAccountAlias 210987654321 -ErrorAction Stop } | Should -Throw -ErrorId 'AccountAliasNotFound,CasAws.Commands.RemoveCasAwsAccountAliasCommand'
        { Remove-CasAwsAccountAlias 210987654321 -WhatIf -ErrorAction Stop } | Should -Throw -ErrorId 'AccountAliasNotFound,CasAws.Commands.RemoveCasAwsAccountAliasCommand' -Because '-WhatIf announces only a removal that would happen'
    }

    It 'shows the alias in the -RoleArn completions and completes on it' {
        Set-CasAwsAccountAlias 123456789012 research-prod | Out-Null
        try {
            $line = 'Get-CasAwsCredential -RoleArn research'
            $completions = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches

            $completions.Count | Should -Be 3
            $completions[0].ToolTip | Should -BeLike '123456789012 (research-prod) *'
        } finally {
            Remove-CasAwsAccountAlias 123456789012
        }
    }

    It '-ResolveAlias warns for an account whose only keys belong to a role IAM refuses, then asks with an allowed role''s keys, once' {
        # The IAM double answers on the emulator's https port; AWS_CA_BUNDLE trusts its CA, as for the AWS CLI.
        $env:AWS_ENDPOINT_URL_IAM = $script:Emu.IamUrl
        $env:AWS_CA_BUNDLE = $script:Emu.CertificatePath
        try {
            $none = Get-CasAwsRole -ResolveAlias -WarningVariable noKeys -WarningAction SilentlyContinue
            Get-CasAwsCredential -RoleArn $script:Admin | Out-Null
            $refused = Get-CasAwsRole -ResolveAlias -WarningVariable denied -WarningAction SilentlyContinue
            $keys = Get-CasAwsCredential -RoleArn $script:Developer
            $named = Get-CasAwsRole -ResolveAlias -WarningVariable fine -WarningAction SilentlyContinue
            $again = Get-CasAwsRole -ResolveAlias -Verbose -WarningAction SilentlyContinue 4>&1
            $everything = "$noKeys $denied $fine " + ($again | Out-String)
            $again = @($again | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] })
        } finally {
            Remove-Item Env:AWS_ENDPOINT_URL_IAM, Env:AWS_CA_BUNDLE
        }

        "$noKeys" | Should -BeLike "AccountAliasNotResolved: Account 123456789012: this session holds no credentials*"
        $none.AccountAlias | Should -Be @($null, $null, $null)
        "$denied" | Should -BeLike "*(AccessDenied)*not authorized to perform: iam:ListAccountAliases*Set-CasAwsAccountAlias*"
        $refused.AccountAlias | Should -Be @($null, $null, $null)
        $fine | Should -BeNullOrEmpty
        $named.AccountAlias | Sort-Object -Unique | Should -Be 'casaws-research'
        $again.AccountAlias | Sort-Object -Unique | Should -Be 'casaws-research'
        $asked = @(Get-CasAwsEmulatorRequest $script:Emu | ForEach-Object { $_ } | Where-Object Action -EQ 'iam:ListAccountAliases')
        $asked.Count | Should -Be 2 -Because 'one refused call with CasAdmin''s keys, then one answered with CasDeveloper''s; the answer is kept'
        $asked[-1].User | Should -BeLike 'arn:aws:sts::123456789012:assumed-role/CasDeveloper/*'
        foreach ($secret in $keys.SecretKey, $keys.SessionToken) { $everything | Should -Not -BeLike "*$secret*" }
    }

    It 'a saved alias wins over the one IAM answered, and names the {AccountAlias} of a profile' {
        Set-CasAwsAccountAlias 123456789012 research-prod | Out-Null
        try {
            (Get-CasAwsRole CasDeveloper).AccountAlias | Should -Be 'research-prod'
            (Get-CasAwsRole CasDeveloper | Register-CasAwsProfile -NameTemplate '{AccountAlias}.{RoleName}').ProfileName | Should -Be 'research-prod.CasDeveloper'
        } finally {
            Remove-CasAwsAccountAlias 123456789012
        }
    }
}
