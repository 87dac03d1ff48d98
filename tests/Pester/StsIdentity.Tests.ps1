# Get-CasAwsCallerIdentity and Get-CasAwsCredential -ResolveIdentity against the emulator's STS (issue 5).
BeforeAll {
    Import-Module (Join-Path $env:CASAWS_REPO_ROOT 'tests/Pester/TestSupport/Emulator.psm1') -Force
    Import-Module (Join-Path $env:CASAWS_REPO_ROOT 'artifacts/CasAws/CasAws.psd1') -Force
    $script:Emulator = Start-CasAwsEmulator
    $script:Sts = $script:Emulator.StsUrlHttp
    $script:RoleServer = $script:Emulator.CasServers['cas'].CasBaseHttp
    $script:SessionServer = $script:Emulator.CasServers['cas-session'].CasBaseHttp
    $script:CasUser = [pscredential]::new('casuser', (ConvertTo-SecureString 'Mellon' -AsPlainText -Force))
    $user = (Get-CasAwsEmulatorSampleConfig).sts.iamUsers | Where-Object userName -EQ 'cli/cli-user'
    $script:CliUser = [CasAws.Credentials.CasAwsCredential]::new($user.accessKeyId, $user.secretAccessKey, '', [datetime]::UtcNow.AddHours(1))

    function Get-FreshCredential([string] $Server, [switch] $ResolveIdentity) {
        Get-CasAwsCredential -Server $Server -Credential $script:CasUser -ResolveIdentity:$ResolveIdentity -WarningAction SilentlyContinue
    }
}

AfterAll {
    Disconnect-CasAws
    Remove-Item Env:AWS_ENDPOINT_URL_STS, Env:AWS_REGION -ErrorAction SilentlyContinue
    if ($script:Emulator) { Stop-CasAwsEmulator $script:Emulator }
}

Describe 'Get-CasAwsCallerIdentity' {
    AfterEach { Remove-Item Env:AWS_ENDPOINT_URL_STS, Env:AWS_REGION -ErrorAction SilentlyContinue }

    It 'declares its output type and shows Account, Arn and UserId' {
        (Get-Command Get-CasAwsCallerIdentity).OutputType.Name | Should -Be 'CasAws.Aws.CasAwsCallerIdentity'
        $identity = Get-CasAwsCallerIdentity -AwsCredential $script:CliUser -EndpointUrl $script:Sts

        $identity.Account | Should -BeExactly '123456789012'
        $identity.Arn | Should -BeExactly 'arn:aws:iam::123456789012:user/cli/cli-user'
        $identity.UserId | Should -Match '^AIDA'
        @($identity.PSObject.Properties.Name) | Should -Be @('Account', 'Arn', 'UserId')
    }

    It 'says whose CAS-issued role credentials are, one answer per piped credential' {
        $role = Get-FreshCredential $script:RoleServer
        $session = Get-FreshCredential $script:SessionServer

        $identities = @($role, $session) | Get-CasAwsCallerIdentity -EndpointUrl $script:Sts

        $identities | Should -HaveCount 2
        $identities[0].Arn | Should -Match '^arn:aws:sts::123456789012:assumed-role/CasDeveloper/'
        $identities[1].Arn | Should -BeExactly 'arn:aws:iam::123456789012:user/cas-server'
    }

    It "uses the session's credentials when none are given" {
        Connect-CasAws -Server $script:RoleServer -Credential $script:CasUser -WarningAction SilentlyContinue | Out-Null
        try {
            (Get-CasAwsCallerIdentity -EndpointUrl $script:Sts).Arn | Should -Match 'assumed-role/CasDeveloper/'
        } finally {
            Disconnect-CasAws
        }
    }

    It 'names what these commands take when the session has several roles and no default (they have no -RoleArn)' -TestCases @(
        @{ Command = 'Get-CasAwsCallerIdentity' }
        @{ Command = 'Get-CasAwsConsoleUrl' }
    ) {
        $bob = [pscredential]::new('bob', (ConvertTo-SecureString 'bob-pw' -AsPlainText -Force))
        Connect-CasAws -Server $script:RoleServer -Credential $bob -WarningAction SilentlyContinue | Out-Null
        try {
            $before = @(Get-CasAwsEmulatorRequest $script:Emulator | ForEach-Object { $_ }).Count
            & $Command -EndpointUrl $script:Sts -ErrorAction SilentlyContinue -ErrorVariable failure | Should -BeNullOrEmpty
            $failure[0].FullyQualifiedErrorId | Should -BeLike "RoleArnRequired,*"
            $failure[0].Exception.Message | Should -BeLike "*Get-CasAwsCredential -RoleArn <role> | $Command*Connect-CasAws -RoleArn*"
            $failure[0].Exception.Message | Should -Not -BeLike '*Pass one with -RoleArn*'
            @(Get-CasAwsEmulatorRequest $script:Emulator | ForEach-Object { $_ }).Count | Should -Be $before -Because 'no login is spent on it'
        } finally {
            Disconnect-CasAws
        }
    }

    It 'says to connect or pipe credentials when there are none' {
        Disconnect-CasAws
        $err = Get-CasAwsCallerIdentity -EndpointUrl $script:Sts -ErrorAction SilentlyContinue -ErrorVariable failure
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'NotConnected,*'
        $failure[0].Exception.Message | Should -Match 'Connect-CasAws'
    }

    It 'honours AWS_ENDPOINT_URL_STS' {
        $env:AWS_ENDPOINT_URL_STS = $script:Sts
        (Get-CasAwsCallerIdentity -AwsCredential $script:CliUser).Account | Should -Be '123456789012'
    }

    It 'honours AWS_REGION, and -Region beats it' {
        $env:AWS_REGION = 'eu-west-2'
        $env:AWS_ENDPOINT_URL_STS = $script:Sts
        Get-CasAwsCallerIdentity -AwsCredential $script:CliUser -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } |
            ForEach-Object Message | Should -Contain "STS endpoint: $($script:Sts) (eu-west-2)"
        Get-CasAwsCallerIdentity -AwsCredential $script:CliUser -Region ap-south-1 -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } |
            ForEach-Object Message | Should -Contain "STS endpoint: $($script:Sts) (ap-south-1)"
    }

    It 'uses the keys it is given, not environment keys or the shared files' {
        $folder = Join-Path ([System.IO.Path]::GetTempPath()) ("casaws-home-" + [guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory -Path $folder | Out-Null
        try {
            $credentials = Join-Path $folder 'credentials'; $config = Join-Path $folder 'config'
            Set-Content -LiteralPath $credentials -Value "[default]`naws_access_key_id = AKIAFROMTHEFILE00001`naws_secret_access_key = wrong`n" -NoNewline
            Set-Content -LiteralPath $config -Value "[default]`nendpoint_url = http://127.0.0.1:9/`nmax_attempts = 5`n" -NoNewline
            $before = (Get-FileHash $credentials).Hash + (Get-FileHash $config).Hash
            $script = @"
`$env:AWS_SHARED_CREDENTIALS_FILE = '$credentials'; `$env:AWS_CONFIG_FILE = '$config'
`$env:AWS_ACCESS_KEY_ID = 'AKIAFROMTHEENVIRON01'; `$env:AWS_SECRET_ACCESS_KEY = 'wrong'
Import-Module '$(Join-Path $env:CASAWS_REPO_ROOT 'artifacts/CasAws/CasAws.psd1')'
`$key = [CasAws.Credentials.CasAwsCredential]::new('$($script:CliUser.AccessKey)', '$($script:CliUser.SecretKey)', '', [datetime]::UtcNow.AddHours(1))
(Get-CasAwsCallerIdentity -AwsCredential `$key -EndpointUrl '$($script:Sts)' -ErrorAction Stop).Arn
"@
            $arn = & dotnet pwsh -NoProfile -NonInteractive -Command $script

            $arn | Should -BeExactly 'arn:aws:iam::123456789012:user/cli/cli-user'
            (Get-FileHash $credentials).Hash + (Get-FileHash $config).Hash | Should -Be $before
        } finally {
            Remove-Item -LiteralPath $folder -Recurse -Force
        }
    }

    It "trusts <Endpoint> over https with the piped credential's -CaBundlePath, with no session and no AWS_CA_BUNDLE" -TestCases @(
        @{ Endpoint = 'STS'; Call = { param($credential, $emulator) ($credential | Get-CasAwsCallerIdentity -EndpointUrl $emulator.StsUrlHttps -ErrorAction Stop).Arn }
            Expected = '^arn:aws:sts::123456789012:assumed-role/CasDeveloper/' }
        @{ Endpoint = 'STS and the federation endpoint'; Call = { param($credential, $emulator) ($credential | Get-CasAwsConsoleUrl -EndpointUrl $emulator.StsUrlHttps -FederationUrl $emulator.FederationUrl -ErrorAction Stop).Replace($emulator.FederationUrl, '<federation>') }
            Expected = '^<federation>\?Action=login&.*SigninToken=.' }
    ) {
        # AWS_CA_BUNDLE outranks the login's bundle for AWS (and some machines export it for the system CAs), so it is unset here.
        Disconnect-CasAws
        $awsCaBundle = $env:AWS_CA_BUNDLE
        Remove-Item Env:AWS_CA_BUNDLE -ErrorAction SilentlyContinue
        try {
            $credential = Get-CasAwsCredential -Server $script:Emulator.CasServers['cas'].CasBaseHttps -Credential $script:CasUser `
                -CaBundlePath $script:Emulator.CertificatePath -WarningAction SilentlyContinue

            & $Call $credential $script:Emulator | Should -Match $Expected
        } finally {
            if ($awsCaBundle) { $env:AWS_CA_BUNDLE = $awsCaBundle }
        }
    }
}

Describe 'The AWS SDK inside CasAws and the ~/.aws files' {
    It 'never opens ~/.aws/credentials or ~/.aws/config, even to read them' {
        # With relatime, reading a file whose access time is older than its change time updates the
        # access time; a control file read in the same child proves that this file system shows reads.
        $folder = Join-Path ([System.IO.Path]::GetTempPath()) ("casaws-home-" + [guid]::NewGuid().ToString('N'))
        $aws = New-Item -ItemType Directory -Path (Join-Path $folder '.aws')
        try {
            $files = foreach ($name in 'credentials', 'config', 'control') {
                $path = Join-Path $aws $name
                Set-Content -LiteralPath $path -Value "[default]`nregion = eu-west-1`n" -NoNewline
                [System.IO.File]::SetLastAccessTimeUtc($path, [datetime]'2001-01-01')
                $path
            }
            $packages = ((& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', '').Trim()
            $script = @"
Import-Module '$(Join-Path $env:CASAWS_REPO_ROOT 'artifacts/CasAws/CasAws.psd1')'
`$key = [CasAws.Credentials.CasAwsCredential]::new('$($script:CliUser.AccessKey)', '$($script:CliUser.SecretKey)', '', [datetime]::UtcNow.AddHours(1))
`$null = Get-CasAwsCallerIdentity -AwsCredential `$key -EndpointUrl '$($script:Sts)' -ErrorAction Stop
`$null = `$key | Get-CasAwsChainedCredential arn:aws:iam::123456789012:role/ChainTarget -EndpointUrl '$($script:Sts)' -ErrorAction Stop
`$null = Get-Content -LiteralPath '$($files[2])'
'done'
"@
            # The child gets the temporary HOME; dotnet still finds its tools and packages in the real one.
            $saved = @{ HOME = $env:HOME; NUGET_PACKAGES = $env:NUGET_PACKAGES; DOTNET_CLI_HOME = $env:DOTNET_CLI_HOME }
            $env:DOTNET_CLI_HOME = if ($env:DOTNET_CLI_HOME) { $env:DOTNET_CLI_HOME } else { $env:HOME }
            $env:HOME = $folder; $env:NUGET_PACKAGES = $packages
            try {
                $output = & dotnet pwsh -NoProfile -NonInteractive -Command $script
            } finally {
                $env:HOME = $saved.HOME; $env:NUGET_PACKAGES = $saved.NUGET_PACKAGES; $env:DOTNET_CLI_HOME = $saved.DOTNET_CLI_HOME
            }

            $output | Should -Contain 'done'
            if ([System.IO.File]::GetLastAccessTimeUtc($files[2]).Year -eq 2001) {
                Set-ItResult -Skipped -Because 'this file system does not record reads (noatime)'
                return
            }
            [System.IO.File]::GetLastAccessTimeUtc($files[0]).Year | Should -Be 2001
            [System.IO.File]::GetLastAccessTimeUtc($files[1]).Year | Should -Be 2001
        } finally {
            Remove-Item -LiteralPath $folder -Recurse -Force
        }
    } -Skip:($IsWindows)
}

Describe 'Get-CasAwsCallerIdentity errors' {
    It 'reports expired credentials with what to do' {
        $credential = Get-FreshCredential $script:RoleServer
        Move-CasAwsEmulatorClock -Emulator $script:Emulator -Seconds 7200
        try {
            Get-CasAwsCallerIdentity -AwsCredential $credential -EndpointUrl $script:Sts -ErrorAction SilentlyContinue -ErrorVariable failure
        } finally {
            Reset-CasAwsEmulator -Emulator $script:Emulator
        }
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'StsExpiredToken,*'
        $failure[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
        $failure[0].Exception.Message | Should -Match 'Get-CasAwsCredential -Force'
    }

    It 'reports keys STS does not know' {
        $unknown = [CasAws.Credentials.CasAwsCredential]::new('ASIAUNKNOWNKEY000001', 'not-a-secret-it-knows', 'token', [datetime]::UtcNow.AddHours(1))
        Get-CasAwsCallerIdentity -AwsCredential $unknown -EndpointUrl $script:Sts -ErrorAction SilentlyContinue -ErrorVariable failure

        $failure[0].FullyQualifiedErrorId | Should -BeLike 'StsInvalidToken,*'
        $failure[0].Exception.Message | Should -Not -Match 'not-a-secret-it-knows'
    }

    It 'reports an unreachable STS as a connection error' {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
        Get-CasAwsCallerIdentity -AwsCredential $script:CliUser -EndpointUrl "http://127.0.0.1:$port/" -ErrorAction SilentlyContinue -ErrorVariable failure

        $failure[0].FullyQualifiedErrorId | Should -BeLike 'StsNetworkFailure,*'
        $failure[0].CategoryInfo.Category | Should -Be 'ConnectionError'
        $failure[0].Exception.Message | Should -Match 'AWS_ENDPOINT_URL_STS'
    }

    It 'reports a silent STS as a timeout after -TimeoutSec' {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        try {
            Get-CasAwsCallerIdentity -AwsCredential $script:CliUser -EndpointUrl "http://127.0.0.1:$($listener.LocalEndpoint.Port)/" -TimeoutSec 1 -ErrorAction SilentlyContinue -ErrorVariable failure
        } finally {
            $listener.Stop()
        }
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'StsTimeout,*'
        $failure[0].Exception.Message | Should -Match '-TimeoutSec'
    }

    It 'refuses plain http to another computer and names that are not regions' -TestCases @(
        @{ Parameters = @{ EndpointUrl = 'http://sts.example.org/' } }
        @{ Parameters = @{ Region = 'aws-global' } }
    ) {
        Get-CasAwsCallerIdentity -AwsCredential $script:CliUser @Parameters -ErrorAction SilentlyContinue -ErrorVariable failure

        $failure[0].FullyQualifiedErrorId | Should -BeLike 'StsEndpointInvalid,*'
        $failure[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
    }
}

Describe 'Get-CasAwsCredential -ResolveIdentity' {
    BeforeAll { $env:AWS_ENDPOINT_URL_STS = $script:Sts }
    AfterAll { Remove-Item Env:AWS_ENDPOINT_URL_STS -ErrorAction SilentlyContinue }

    It 'leaves AccountId and AssumedRoleArn empty by default (CAS does not say)' {
        $credential = Get-FreshCredential $script:RoleServer

        $credential.AccountId | Should -BeNullOrEmpty
        $credential.AssumedRoleArn | Should -BeNullOrEmpty
    }

    It 'fills both for a single-role answer with one STS call and no extra CAS call' {
        Reset-CasAwsEmulator -Emulator $script:Emulator
        $credential = Get-FreshCredential $script:RoleServer -ResolveIdentity

        $credential.AccountId | Should -BeExactly '123456789012'
        $credential.AssumedRoleArn | Should -BeExactly 'arn:aws:iam::123456789012:role/CasDeveloper'
        $requests = Get-CasAwsEmulatorRequest -Emulator $script:Emulator
        @($requests | Where-Object Path -Like '/cas/*').Count | Should -Be 1
        @($requests | Where-Object Path -Like '/sts*').Count | Should -Be 1
    }

    It 'fills the account of a session-token answer and leaves AssumedRoleArn empty (a user, not a role)' {
        $credential = Get-FreshCredential $script:SessionServer -ResolveIdentity

        $credential.AccountId | Should -BeExactly '123456789012'
        $credential.AssumedRoleArn | Should -BeNullOrEmpty
    }

    It 'still hands out the credentials, with a warning, when STS cannot be reached' {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
        $env:AWS_ENDPOINT_URL_STS = "http://127.0.0.1:$port/"
        try {
            $credential = Get-CasAwsCredential -Server $script:RoleServer -Credential $script:CasUser -ResolveIdentity -WarningVariable warnings -WarningAction SilentlyContinue
        } finally {
            $env:AWS_ENDPOINT_URL_STS = $script:Sts
        }
        $credential.AccessKey | Should -Match '^ASIA'
        $credential.AccountId | Should -BeNullOrEmpty
        ($warnings | Where-Object { "$_" -like 'AccountId and AssumedRoleArn were left empty*' }) | Should -Not -BeNullOrEmpty
    }
}
