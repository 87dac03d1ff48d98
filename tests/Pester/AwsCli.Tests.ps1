# Proof that the emulator's STS speaks AWS's real wire format: the real AWS CLI (Debian's awscli) talks to it.
BeforeDiscovery {
    Import-Module (Join-Path $env:CASAWS_REPO_ROOT 'tests/Pester/TestSupport/Emulator.psm1') -Force
    $script:NoCli = -not (Get-TestAwsCliPath)
}

BeforeAll {
    Import-Module (Join-Path $env:CASAWS_REPO_ROOT 'tests/Pester/TestSupport/Emulator.psm1') -Force
    $script:Config = Get-CasAwsEmulatorSampleConfig
    $script:Emu = Start-CasAwsEmulator   # the sample configuration, as $script:Config reads it
    $cliUser = $script:Config.sts.iamUsers | Where-Object userName -EQ 'cli/cli-user'
    $script:CliKeys = @{ AWS_ACCESS_KEY_ID = $cliUser.accessKeyId; AWS_SECRET_ACCESS_KEY = $cliUser.secretAccessKey }
    $script:Account = $script:Config.sts.accountId

    function script:Invoke-Sts([string[]] $Arguments, [hashtable] $Keys, [string] $Endpoint = $script:Emu.StsUrlHttps) {
        Invoke-TestAwsCli -Emulator $script:Emu -Environment $Keys -Arguments (@('sts') + $Arguments + @('--endpoint-url', $Endpoint, '--output', 'json'))
    }

    function script:Get-CasCredential([string] $User, [string] $Password, [string] $Base, [string] $RoleArn) {
        $form = @{ username = $User; password = $Password; duration = '3600' }
        if ($RoleArn) { $form.roleArn = $RoleArn }
        $response = Invoke-WebRequest -Method Post -Uri "$Base/actuator/awsSts" -SkipCertificateCheck -Body $form
        $values = @{}
        foreach ($line in $response.Content -split "`r?`n") {
            $pair = $line -split '=', 2
            if ($pair.Count -eq 2) { $values[$pair[0]] = $pair[1] }
        }
        @{ AWS_ACCESS_KEY_ID = $values.aws_access_key_id; AWS_SECRET_ACCESS_KEY = $values.aws_secret_access_key; AWS_SESSION_TOKEN = $values.aws_session_token }
    }
}

AfterAll {
    Stop-CasAwsEmulator $script:Emu
}

Describe 'AwsCli: the AWS CLI against the emulator''s STS' -Skip:$script:NoCli {
    It 'get-caller-identity returns the IAM user over HTTPS (trusting the PEM through AWS_CA_BUNDLE)' {
        $result = Invoke-Sts @('get-caller-identity') $script:CliKeys
        $result.ExitCode | Should -Be 0 -Because $result.StdErr
        $result.Json.Arn | Should -Be "arn:aws:iam::$($script:Account):user/cli/cli-user"
        $result.Json.Account | Should -Be $script:Account
        $result.Json.UserId | Should -Match '^AIDA[A-Z2-7]{17}$'
    }

    It 'get-session-token returns AWS-shaped keys that work for the next call (over plain HTTP too)' {
        $result = Invoke-Sts @('get-session-token', '--duration-seconds', '900') $script:CliKeys $script:Emu.StsUrlHttp
        $result.ExitCode | Should -Be 0 -Because $result.StdErr
        $credentials = $result.Json.Credentials
        $credentials.AccessKeyId | Should -Match '^ASIA[A-Z2-7]{16}$'
        $credentials.SecretAccessKey.Length | Should -Be 40
        $credentials.SessionToken.Length | Should -BeGreaterThan 300
        ([datetimeoffset] $credentials.Expiration - [datetimeoffset]::UtcNow).TotalMinutes | Should -BeGreaterThan 13
        $session = @{ AWS_ACCESS_KEY_ID = $credentials.AccessKeyId; AWS_SECRET_ACCESS_KEY = $credentials.SecretAccessKey; AWS_SESSION_TOKEN = $credentials.SessionToken }
        $who = Invoke-Sts @('get-caller-identity') $session
        $who.ExitCode | Should -Be 0 -Because $who.StdErr
        $who.Json.Arn | Should -Be "arn:aws:iam::$($script:Account):user/cli/cli-user"
    }

    It 'assume-role returns the assumed-role user, and those keys identify as the role session' {
        $role = "arn:aws:iam::$($script:Account):role/CasDeveloper"
        $result = Invoke-Sts @('assume-role', '--role-arn', $role, '--role-session-name', 'cli-test@example.org') $script:CliKeys
        $result.ExitCode | Should -Be 0 -Because $result.StdErr
        $result.Json.AssumedRoleUser.Arn | Should -Be "arn:aws:sts::$($script:Account):assumed-role/CasDeveloper/cli-test@example.org"
        $result.Json.AssumedRoleUser.AssumedRoleId | Should -Match '^AROA[A-Z2-7]{17}:cli-test@example\.org$'
        $credentials = $result.Json.Credentials
        $session = @{ AWS_ACCESS_KEY_ID = $credentials.AccessKeyId; AWS_SECRET_ACCESS_KEY = $credentials.SecretAccessKey; AWS_SESSION_TOKEN = $credentials.SessionToken }
        $who = Invoke-Sts @('get-caller-identity') $session
        $who.Json.Arn | Should -Be $result.Json.AssumedRoleUser.Arn
        $who.Json.UserId | Should -Be $result.Json.AssumedRoleUser.AssumedRoleId
    }

    It 'reports STS errors the way the CLI expects them (<Code>)' -ForEach @(
        @{ Code = 'ValidationError'; Arguments = @('assume-role', '--role-arn', 'arn:aws:iam::123456789012:role/CasDeveloper', '--role-session-name', 'too-long', '--duration-seconds', '20000') }
        @{ Code = 'AccessDenied'; Arguments = @('assume-role', '--role-arn', 'arn:aws:iam::123456789012:role/engineering/CasAdmin', '--role-session-name', 'nope') }
    ) {
        $result = Invoke-Sts $Arguments $script:CliKeys
        $result.ExitCode | Should -Not -Be 0
        $result.StdErr | Should -Match "\($Code\)"
    }

    It 'refuses a wrong secret key with SignatureDoesNotMatch and an unknown key with InvalidClientTokenId' {
        $wrongSecret = @{ AWS_ACCESS_KEY_ID = $script:CliKeys.AWS_ACCESS_KEY_ID; AWS_SECRET_ACCESS_KEY = 'x' * 40 }
        (Invoke-Sts @('get-caller-identity') $wrongSecret).StdErr | Should -Match '\(SignatureDoesNotMatch\)'
        $unknown = @{ AWS_ACCESS_KEY_ID = 'AKIAUNKNOWNKEY000000'; AWS_SECRET_ACCESS_KEY = 'x' * 40 }
        (Invoke-Sts @('get-caller-identity') $unknown).StdErr | Should -Match '\(InvalidClientTokenId\)'
    }

    It 'sees ExpiredToken once the emulator''s clock passes the keys'' expiration' {
        $result = Invoke-Sts @('get-session-token', '--duration-seconds', '900') $script:CliKeys
        $c = $result.Json.Credentials
        $session = @{ AWS_ACCESS_KEY_ID = $c.AccessKeyId; AWS_SECRET_ACCESS_KEY = $c.SecretAccessKey; AWS_SESSION_TOKEN = $c.SessionToken }
        Move-CasAwsEmulatorClock -Emulator $script:Emu -Seconds 901
        try {
            $expired = Invoke-Sts @('get-caller-identity') $session
        } finally {
            Reset-CasAwsEmulator -Emulator $script:Emu
        }
        $expired.ExitCode | Should -Not -Be 0
        $expired.StdErr | Should -Match '\(ExpiredToken\).*expired'
    }

    It 'assume-role-with-saml needs no keys and returns the SAML session''s role user' {
        $account = $script:Account
        $saml = @"
<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">
  <saml:Issuer>https://cas.example.org/idp</saml:Issuer>
  <saml:Assertion><saml:Subject><saml:NameID>casuser</saml:NameID></saml:Subject><saml:AttributeStatement>
    <saml:Attribute Name="https://aws.amazon.com/SAML/Attributes/Role"><saml:AttributeValue>arn:aws:iam::${account}:role/CasSaml,arn:aws:iam::${account}:saml-provider/CasIdP</saml:AttributeValue></saml:Attribute>
    <saml:Attribute Name="https://aws.amazon.com/SAML/Attributes/RoleSessionName"><saml:AttributeValue>casuser</saml:AttributeValue></saml:Attribute>
  </saml:AttributeStatement></saml:Assertion>
</samlp:Response>
"@
        $assertion = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($saml))
        $result = Invoke-Sts @('assume-role-with-saml', '--role-arn', "arn:aws:iam::${account}:role/CasSaml",
            '--principal-arn', "arn:aws:iam::${account}:saml-provider/CasIdP", '--saml-assertion', $assertion) @{}
        $result.ExitCode | Should -Be 0 -Because $result.StdErr
        $result.Json.AssumedRoleUser.Arn | Should -Be "arn:aws:sts::${account}:assumed-role/CasSaml/casuser"
        $result.Json.Issuer | Should -Be 'https://cas.example.org/idp'
        $result.Json.Credentials.AccessKeyId | Should -Match '^ASIA'
    }

    It 'accepts CAS-issued role keys: get-caller-identity names the role and a UUID session' {
        $keys = Get-CasCredential 'casuser' 'Mellon' $script:Emu.CasBaseHttps
        $who = Invoke-Sts @('get-caller-identity') $keys
        $who.ExitCode | Should -Be 0 -Because $who.StdErr
        $who.Json.Arn | Should -Match "^arn:aws:sts::$($script:Account):assumed-role/CasDeveloper/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    }

    It 'accepts CAS-issued session-token keys: get-caller-identity names the CAS server''s IAM user' {
        $keys = Get-CasCredential 'casuser' 'Mellon' $script:Emu.CasServers['cas-session'].CasBaseHttps
        $who = Invoke-Sts @('get-caller-identity') $keys
        $who.ExitCode | Should -Be 0 -Because $who.StdErr
        $who.Json.Arn | Should -Be "arn:aws:iam::$($script:Account):user/cas-server"
    }
}

Describe 'AwsCli: the AWS CLI against the emulator''s IAM double (ListAccountAliases)' -Skip:$script:NoCli {
    BeforeAll {
        function script:Invoke-Iam([hashtable] $Keys) {
            Invoke-TestAwsCli -Emulator $script:Emu -Environment $Keys -Arguments @('iam', 'list-account-aliases', '--endpoint-url', $script:Emu.IamUrl, '--output', 'json')
        }
    }

    It 'lists the account''s alias to a role whose policy allows iam:ListAccountAliases' {
        $keys = Get-CasCredential 'bob' 'bob-pw' $script:Emu.CasBaseHttps 'arn:aws:iam::123456789012:role/CasDeveloper'

        $result = Invoke-Iam $keys

        $result.ExitCode | Should -Be 0 -Because $result.StdErr
        $result.Json.AccountAliases | Should -Be @($script:Config.sts.accountAlias)
        (Get-CasAwsEmulatorRequest -Emulator $script:Emu)[-1].Action | Should -Be 'iam:ListAccountAliases'
    }

    It 'answers AccessDenied, as IAM words it, to a role without that permission' {
        $keys = Get-CasCredential 'bob' 'bob-pw' $script:Emu.CasBaseHttps 'arn:aws:iam::123456789012:role/engineering/CasAdmin'

        $result = Invoke-Iam $keys

        $result.ExitCode | Should -Not -Be 0
        $result.StdErr | Should -BeLike '*(AccessDenied) when calling the ListAccountAliases operation: User: arn:aws:sts::123456789012:assumed-role/CasAdmin/* is not authorized to perform: iam:ListAccountAliases on resource: *'
    }

    It 'refuses keys signed with the wrong secret (SignatureDoesNotMatch) and keys it never issued (InvalidClientTokenId)' {
        $keys = Get-CasCredential 'bob' 'bob-pw' $script:Emu.CasBaseHttps 'arn:aws:iam::123456789012:role/CasDeveloper'
        # Another first character, whatever the issued secret starts with (an 'x' would have made it the same key).
        $other = if ($keys.AWS_SECRET_ACCESS_KEY[0] -ceq 'x') { 'y' } else { 'x' }
        $wrongSecret = $keys.Clone(); $wrongSecret.AWS_SECRET_ACCESS_KEY = $other + $keys.AWS_SECRET_ACCESS_KEY.Substring(1)
        $unknown = $keys.Clone(); $unknown.AWS_ACCESS_KEY_ID = 'ASIAUNKNOWNUNKNOWN00'

        (Invoke-Iam $wrongSecret).StdErr | Should -BeLike '*(SignatureDoesNotMatch)*'
        (Invoke-Iam $unknown).StdErr | Should -BeLike '*(InvalidClientTokenId)*'
    }
}
