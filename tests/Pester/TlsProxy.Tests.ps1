# Proxies and private CAs as a user meets them: errors that blame the proxy, a -Proxy that is not a URL,
# plain-http loopback never proxied (HTTP_PROXY included), and every STS/federation call honouring
# -CaBundlePath, -SkipCertificateCheck, -Proxy, the session's settings and AWS_CA_BUNDLE (issue 8 item 4,
# issue 11 items 1 and 8).
BeforeAll {
    Import-Module (Join-Path $env:CASAWS_REPO_ROOT 'tests/Pester/TestSupport/Emulator.psm1') -Force
    $script:Module = Join-Path $env:CASAWS_REPO_ROOT 'artifacts/CasAws/CasAws.psd1'
    Import-Module $script:Module -Force
    $script:Emulator = Start-CasAwsEmulator
    $script:Pem = $script:Emulator.CertificatePath
    $script:CasUser = [pscredential]::new('casuser', (ConvertTo-SecureString 'Mellon' -AsPlainText -Force))
    $user = (Get-CasAwsEmulatorSampleConfig).sts.iamUsers | Where-Object userName -EQ 'cli/cli-user'
    $script:CliUser = [CasAws.Credentials.CasAwsCredential]::new($user.accessKeyId, $user.secretAccessKey, '', [datetime]::UtcNow.AddHours(1))
}

AfterAll {
    Disconnect-CasAws
    Remove-Item Env:AWS_CA_BUNDLE -ErrorAction SilentlyContinue
    if ($script:Emulator) { Stop-CasAwsEmulator $script:Emulator }
}

Describe 'Proxy errors' {
    It 'blames an unreachable -Proxy, not the CAS server' {
        $failure = { Connect-CasAws -Server 'https://sso.example.org/cas' -Credential $script:CasUser -Proxy 'http://127.0.0.1:1' } | Should -Throw -PassThru

        $failure.FullyQualifiedErrorId | Should -BeLike 'ProxyFailure,*'
        $failure.Exception.Message | Should -BeLike '*proxy*127.0.0.1:1*'
        $failure.Exception.Message | Should -Not -BeLike '*whether a proxy is needed*'
    }

    It 'explains a -Proxy that is not a URL' {
        foreach ($proxy in 'not a url', 'http://user:pw@proxy.example.org:3128') {
            $failure = { Connect-CasAws -Server 'https://sso.example.org/cas' -Credential $script:CasUser -Proxy $proxy } | Should -Throw -PassThru

            $failure.FullyQualifiedErrorId | Should -BeLike 'ProxyUrlInvalid,*'
            $failure.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $failure.Exception.Message | Should -BeLike '-Proxy*'
            $failure.Exception.Message | Should -Not -BeLike '*:pw@*'
        }
    }

    It 'never sends plain http to this computer through the system proxy (HTTP_PROXY)' {
        # A fresh process, since .NET reads HTTP_PROXY once per process. The proxy does not exist: a request
        # that went through it would fail.
        $script = "Import-Module '$($script:Module)'; " +
            "`$c = [pscredential]::new('casuser', (ConvertTo-SecureString 'Mellon' -AsPlainText -Force)); " +
            "(Get-CasAwsCredential -Server '$($script:Emulator.CasBaseHttp)' -Credential `$c -WarningAction SilentlyContinue).AccessKey"
        $saved = $env:HTTP_PROXY, $env:http_proxy, $env:NO_PROXY, $env:no_proxy
        try {
            $env:HTTP_PROXY = $env:http_proxy = 'http://127.0.0.1:1'
            $env:NO_PROXY = $env:no_proxy = $null
            $output = & dotnet pwsh -NoProfile -NonInteractive -Command $script 2>&1
        } finally {
            $env:HTTP_PROXY, $env:http_proxy, $env:NO_PROXY, $env:no_proxy = $saved
        }

        "$output" | Should -Match '^ASIA[A-Z0-9]{16}$'
    }
}

Describe 'The proxy password' {
    It 'is kept as a SecureString for the session and wiped by Disconnect-CasAws' {
        # Plain http to this computer bypasses the (absent) proxy, so the login works and keeps the settings.
        $proxyLogin = [pscredential]::new('proxyuser', (ConvertTo-SecureString 'proxy-Pa55' -AsPlainText -Force))
        $session = Connect-CasAws -Server $script:Emulator.CasBaseHttp -Credential $script:CasUser -Proxy 'http://127.0.0.1:1' -ProxyCredential $proxyLogin -WarningAction SilentlyContinue
        $settings = $session.GetType().GetProperty('Settings', [System.Reflection.BindingFlags] 'NonPublic, Instance').GetValue($session)
        $kept = $settings.GetType().GetProperty('ProxyCredential').GetValue($settings)

        $kept.GetType().FullName | Should -Be 'CasAws.Net.ProxyCredential'
        $kept.GetCredential([uri] 'http://127.0.0.1:1', 'Basic').SecurePassword.Length | Should -Be 10
        Disconnect-CasAws

        $kept.IsWiped | Should -BeTrue
        $kept.GetCredential([uri] 'http://127.0.0.1:1', 'Basic') | Should -BeNullOrEmpty
    }
}

Describe 'STS and the federation endpoint over https with a private CA' {
    BeforeAll {
        $script:StsHttps = $script:Emulator.StsUrlHttps
        $script:FederationHttps = $script:Emulator.FederationUrl
        $script:Chain = 'arn:aws:iam::123456789012:role/ChainTarget'
    }
    AfterEach {
        Disconnect-CasAws
        Remove-Item Env:AWS_CA_BUNDLE, Env:AWS_ENDPOINT_URL_STS -ErrorAction SilentlyContinue
    }

    It 'does not trust the private CA by default' {
        Get-CasAwsCallerIdentity -AwsCredential $script:CliUser -EndpointUrl $script:StsHttps -ErrorAction SilentlyContinue -ErrorVariable failure | Should -BeNullOrEmpty

        $failure[0].FullyQualifiedErrorId | Should -BeLike 'StsNetworkFailure,*'
    }

    It 'trusts it with -CaBundlePath' {
        (Get-CasAwsCallerIdentity -AwsCredential $script:CliUser -EndpointUrl $script:StsHttps -CaBundlePath $script:Pem).Arn |
            Should -BeExactly 'arn:aws:iam::123456789012:user/cli/cli-user'
    }

    It 'trusts it through AWS_CA_BUNDLE, as the AWS CLI does' {
        $env:AWS_CA_BUNDLE = $script:Pem

        (Get-CasAwsCallerIdentity -AwsCredential $script:CliUser -EndpointUrl $script:StsHttps).Account | Should -BeExactly '123456789012'
    }

    It 'skips the check only with -SkipCertificateCheck on the command, with a warning' {
        $identity = Get-CasAwsCallerIdentity -AwsCredential $script:CliUser -EndpointUrl $script:StsHttps -SkipCertificateCheck -WarningVariable warned -WarningAction SilentlyContinue

        $identity.Account | Should -BeExactly '123456789012'
        "$warned" | Should -BeLike '*-SkipCertificateCheck*'
    }

    It "takes the CA bundle from the Connect-CasAws session for chaining and the console URL" {
        Connect-CasAws -Server $script:Emulator.CasBaseHttps -Credential $script:CasUser -CaBundlePath $script:Pem | Out-Null
        $env:AWS_ENDPOINT_URL_STS = $script:StsHttps

        $chained = Get-CasAwsChainedCredential $script:Chain
        $url = $chained | Get-CasAwsConsoleUrl -FederationUrl $script:FederationHttps

        $chained.AssumedRoleArn | Should -BeExactly $script:Chain
        $url | Should -BeLike "$($script:FederationHttps)?Action=login*SigninToken=*"
    }

    It 'fills AccountId with -ResolveIdentity over https, from the connection''s -CaBundlePath' {
        $env:AWS_ENDPOINT_URL_STS = $script:StsHttps

        $credential = Get-CasAwsCredential -Server $script:Emulator.CasBaseHttps -Credential $script:CasUser -CaBundlePath $script:Pem -ResolveIdentity -WarningVariable warned

        $credential.AccountId | Should -BeExactly '123456789012'
        $warned | Should -BeNullOrEmpty
    }

    It 'sends STS calls through -Proxy' {
        Get-CasAwsCallerIdentity -AwsCredential $script:CliUser -EndpointUrl $script:StsHttps -CaBundlePath $script:Pem -Proxy 'http://127.0.0.1:1' -ErrorAction SilentlyContinue -ErrorVariable failure | Should -BeNullOrEmpty

        $failure[0].FullyQualifiedErrorId | Should -BeLike 'StsNetworkFailure,*'
        $failure[0].Exception.Message | Should -BeLike '*127.0.0.1:1*'
    }
}
