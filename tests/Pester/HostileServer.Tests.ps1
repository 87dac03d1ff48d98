# A CAS (or anything between the user and CAS) that answers with crafted values: issue 8's findings
# through the built module against the emulator's per-user 'hostile' switches (items 1, 2, 10, 11).
BeforeAll {
    Import-Module (Join-Path $env:CASAWS_REPO_ROOT 'tests/Pester/TestSupport/Emulator.psm1') -Force
    Import-Module (Join-Path $env:CASAWS_REPO_ROOT 'tests/Pester/TestSupport/CasAwsFiles.psm1') -Force
    Import-Module (Join-Path $env:CASAWS_REPO_ROOT 'artifacts/CasAws/CasAws.psd1') -Force

    $script:Marker = Join-Path ([IO.Path]::GetTempPath()) ('casaws-pwned-' + [guid]::NewGuid().ToString('N'))
    $script:Developer = 'arn:aws:iam::123456789012:role/CasDeveloper'
    $script:GoodToken = 'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQ=='
    $script:Escape = [char] 0x1b
    function New-HostileUser([string] $Name, [string[]] $Roles = @($script:Developer), [hashtable] $Hostile) {
        @{ username = $Name; password = "$Name-pw"; attributes = @{ awsroles = $Roles }; hostile = $Hostile }
    }
    $config = Get-CasAwsEmulatorSampleConfig
    $config.users += @(
        New-HostileUser 'mallory-cr' -Hostile @{ sessionToken = "$GoodToken`r[evil]`rcredential_process = /bin/sh -c 'touch $Marker'" }
        New-HostileUser 'mallory-quote' -Hostile @{ secretAccessKey = "x$([char]0x2019) + (New-Item -Path $Marker) + $([char]0x2019)y" }
        New-HostileUser 'mallory-region' -Hostile @{ region = "eu-west-1 `$(touch $Marker)" }
        New-HostileUser 'mallory-escape' -Roles @($Developer, "arn:aws:iam::123456789012:role/$Escape[2J$Escape]0;owned$([char]7)$Escape[31mAdmin") -Hostile $null
        New-HostileUser 'mallory-sts' -Hostile @{
            assumedSessionToken = "$GoodToken$([char]0x9b)31m"
            callerArn           = "arn:aws:sts::123456789012:assumed-role/CasDeveloper/x$([char]0x2028)y"
        }
        New-HostileUser 'mallory-federation' -Hostile @{ signinAnswer = '{"SigninToken":"\uZZZZabc"}' }
        New-HostileUser 'mallory-federation-escape' -Hostile @{ signinAnswer = '{"SigninToken":"abc\u001b[31m"}' }
    )
    $script:Emulator = Start-CasAwsEmulator -Config $config
    $script:Cas = $script:Emulator.CasServers['cas'].CasBaseHttp
    $env:AWS_ENDPOINT_URL_STS = $script:Emulator.StsUrlHttp

    function Get-Credential([string] $User) {
        [pscredential]::new($User, (ConvertTo-SecureString "$User-pw" -AsPlainText -Force))
    }
    function Get-CasCallCount([string] $User) {
        @(Get-CasAwsEmulatorRequest $script:Emulator | ForEach-Object { $_ } | Where-Object { $_.path -like '*awsSts*' -and $_.user -eq $User }).Count
    }
    function Assert-NoControlCharacter([string] $Text) {
        $Text | Should -Not -Match '[\x00-\x1f\x7f-\x9f\u2028\u2029]'
    }
}

AfterAll {
    Remove-Item Env:AWS_ENDPOINT_URL_STS -ErrorAction SilentlyContinue
    Remove-Item -LiteralPath $script:Marker -ErrorAction SilentlyContinue
    Disconnect-CasAws
    if ($script:Emulator) { Stop-CasAwsEmulator $script:Emulator }
}

Describe 'A lone CR in a CAS value' {
    BeforeEach { $script:Scratch = Enter-CasAwsScratch }
    AfterEach { Exit-CasAwsScratch $script:Scratch }

    It 'is a malformed answer: nothing written into the AWS files, nothing cached, nothing the AWS CLI would run' {
        Set-Content -LiteralPath $Scratch.Credentials -Value "[default]`naws_access_key_id = AKIAKEEPMEKEEPME0000`n" -NoNewline
        $before = Get-Content -LiteralPath $Scratch.Credentials -Raw

        $result = Get-CasAwsCredential -Server $Cas -Credential (Get-Credential mallory-cr) -StoreAs cas-dev -ErrorVariable failure -ErrorAction SilentlyContinue

        $result | Should -BeNullOrEmpty
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'ServerValueMalformed,*'
        $failure[0].Exception.Message | Should -BeLike '*aws_session_token*U+000D*'
        $failure[0].Exception.Message | Should -Not -BeLike '*evil*'
        Assert-NoControlCharacter $failure[0].Exception.Message
        Get-Content -LiteralPath $Scratch.Credentials -Raw | Should -BeExactly $before
        Test-Path -LiteralPath $Scratch.Config | Should -BeFalse
        @(Get-ChildItem -LiteralPath $Scratch.Root -Recurse -File | Select-String -SimpleMatch 'evil').Count | Should -Be 0
        (/usr/bin/aws configure list-profiles) | Should -Not -Contain 'evil'
        Test-Path -LiteralPath $Marker | Should -BeFalse
    }

    It 'is not remembered: the next call asks CAS again' {
        $before = Get-CasCallCount mallory-cr
        Get-CasAwsCredential -Server $Cas -Credential (Get-Credential mallory-cr) -ErrorAction SilentlyContinue
        Get-CasAwsCredential -Server $Cas -Credential (Get-Credential mallory-cr) -ErrorAction SilentlyContinue
        Get-CasCallCount mallory-cr | Should -Be ($before + 2)
    }

    It 'in the region is malformed too' {
        Get-CasAwsCredential -Server $Cas -Credential (Get-Credential mallory-region) -ErrorVariable failure -ErrorAction SilentlyContinue
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'ServerValueMalformed,*'
    }
}

Describe 'A typographic quote in a value' {
    AfterEach {
        Remove-Item Env:AWS_ACCESS_KEY_ID, Env:AWS_SECRET_ACCESS_KEY, Env:AWS_SESSION_TOKEN, Env:AWS_CREDENTIAL_EXPIRATION -ErrorAction SilentlyContinue
        Remove-Item -LiteralPath $Marker -ErrorAction SilentlyContinue
    }

    It 'from CAS is a malformed answer' {
        Get-CasAwsCredential -Server $Cas -Credential (Get-Credential mallory-quote) -ErrorVariable failure -ErrorAction SilentlyContinue
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'ServerValueMalformed,*'
    }

    It 'cannot break out of ConvertTo-CasAwsEnvironment -Shell PowerShell | Invoke-Expression (the help''s own example)' {
        # The old hand-made quoting doubled only U+0027: 'x’ closed the string and New-Item ran.
        $secret = "x$([char]0x2019) + (New-Item -Path $Marker) + $([char]0x2018)y"
        $credential = [CasAws.Credentials.CasAwsCredential]::new('ASIAEXAMPLE000001', $secret, $GoodToken, [datetime]::UtcNow.AddHours(1))

        $credential | ConvertTo-CasAwsEnvironment -Shell PowerShell | Invoke-Expression

        Test-Path -LiteralPath $Marker | Should -BeFalse
        $env:AWS_SECRET_ACCESS_KEY | Should -BeExactly $secret
    }

    It 'of every kind, with ASCII quotes around it, comes back exactly' {
        $secret = "a'b$([char]0x2018)c$([char]0x2019)d$([char]0x201A)e$([char]0x201B)f''"
        [CasAws.Credentials.CasAwsCredential]::new('ASIAEXAMPLE000001', $secret, $GoodToken, [datetime]::UtcNow.AddHours(1)) |
            ConvertTo-CasAwsEnvironment -Shell PowerShell | Invoke-Expression
        $env:AWS_SECRET_ACCESS_KEY | Should -BeExactly $secret
    }

    It 'with a control character is refused for every shell' {
        $credential = [CasAws.Credentials.CasAwsCredential]::new('ASIAEXAMPLE000001', "sec`rret", $GoodToken, [datetime]::UtcNow.AddHours(1))
        foreach ($shell in 'PowerShell', 'Bash', 'Fish', 'Cmd') {
            $output = $credential | ConvertTo-CasAwsEnvironment -Shell $shell -ErrorVariable failure -ErrorAction SilentlyContinue
            $output | Should -BeNullOrEmpty
            $failure[0].FullyQualifiedErrorId | Should -BeLike 'ShellValueUnsafe,*'
        }
    }
}

Describe 'Role names with terminal escapes' {
    It 'make the role list malformed; the error shows no escape and no session keeps the roles' {
        Disconnect-CasAws
        $failure = $null
        try { Connect-CasAws -Server $Cas -Credential (Get-Credential mallory-escape) -WarningAction SilentlyContinue } catch { $failure = $_ }

        $failure.FullyQualifiedErrorId | Should -BeLike 'ServerValueMalformed,*'
        $failure.Exception.Message | Should -BeLike '*role 2 of the role list*U+001B*'
        Assert-NoControlCharacter $failure.ToString()
        ($failure | Out-String).Contains("$Escape[2J") | Should -BeFalse
        { Get-CasAwsRole } | Should -Throw -ErrorId 'NotConnected,CasAws.Commands.GetCasAwsRoleCommand'
    }
}

Describe 'Hostile STS and federation answers' {
    BeforeAll {
        $script:Keys = Get-CasAwsCredential -Server $Cas -Credential (Get-Credential mallory-sts)
        $script:FederationKeys = Get-CasAwsCredential -Server $Cas -Credential (Get-Credential mallory-federation)
        $script:EscapeKeys = Get-CasAwsCredential -Server $Cas -Credential (Get-Credential mallory-federation-escape)
    }

    It 'an AssumeRole answer with a C1 escape in the token is malformed' {
        $chained = $Keys | Get-CasAwsChainedCredential arn:aws:iam::123456789012:role/ChainTarget -ErrorVariable failure -ErrorAction SilentlyContinue
        $chained | Should -BeNullOrEmpty
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'ServerValueMalformed,*'
        $failure[0].Exception.Message | Should -BeLike '*SessionToken*U+009B*'
    }

    It 'a GetCallerIdentity answer with a line separator in the ARN is malformed' {
        $identity = $Keys | Get-CasAwsCallerIdentity -ErrorVariable failure -ErrorAction SilentlyContinue
        $identity | Should -BeNullOrEmpty
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'ServerValueMalformed,*'
        Assert-NoControlCharacter $failure[0].Exception.Message
    }

    It 'a bad \u escape in the federation answer is a CasAws error, not a FormatException' {
        $url = $FederationKeys | Get-CasAwsConsoleUrl -FederationUrl $Emulator.FederationUrlHttp -ErrorVariable failure -ErrorAction SilentlyContinue
        $url | Should -BeNullOrEmpty
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'FederationUnexpectedAnswer,*'
        $failure[0].Exception | Should -Not -BeOfType [FormatException]
    }

    It 'a sign-in token with an escape is malformed and never shown' {
        $url = $EscapeKeys | Get-CasAwsConsoleUrl -FederationUrl $Emulator.FederationUrlHttp -ErrorVariable failure -ErrorAction SilentlyContinue
        $url | Should -BeNullOrEmpty
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'ServerValueMalformed,*'
        Assert-NoControlCharacter $failure[0].Exception.Message
    }
}
