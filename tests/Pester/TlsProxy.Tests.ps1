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
