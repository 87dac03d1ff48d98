# Test-CasAwsSetup (issue 22, item 4): the doctor names each fault of a broken server, of the AWS files and of
# the tools, with no password asked and no login made.
BeforeAll {
    Import-Module (Join-Path $env:CASAWS_REPO_ROOT 'tests/Pester/TestSupport/Emulator.psm1') -Force
    Import-Module (Join-Path $env:CASAWS_REPO_ROOT 'tests/Pester/TestSupport/CasAwsFiles.psm1') -Force
    Import-Module (Join-Path $env:CASAWS_REPO_ROOT 'artifacts/CasAws/CasAws.psd1') -Force
    # One emulator playing a healthy CAS and broken ones: the endpoint hidden (404), denied (403), sent to a login page (302);
    # and OpenID Connect providers whose discovery document is broken as real deployments break it.
    $config = Get-CasAwsEmulatorSampleConfig
    $healthy = $config.casServers | Where-Object name -EQ 'cas'
    function script:Copy-Server([string] $Name) {
        $server = $healthy | ConvertTo-Json -Depth 10 | ConvertFrom-Json -AsHashtable
        $server.name = $Name; $server.basePath = '/' + $Name
        $server
    }
    foreach ($fault in @(@{ name = 'hidden'; access = 'notFound' }, @{ name = 'denied'; access = 'forbidden' }, @{ name = 'gateway'; access = 'loginRedirect' })) {
        $server = Copy-Server $fault.name
        $server.endpointAccess = $fault.access; $server.Remove('oidc')
        $config.casServers += $server
    }
    $script:DiscoveryFaults = 'notFound', 'notJson', 'issuerMismatch', 'missingEndpoints', 'foreignEndpoints'
    foreach ($fault in $script:DiscoveryFaults) {
        $server = Copy-Server "oidc-$fault"
        $server.oidc.discoveryFault = $fault
        $config.casServers += $server
    }
    $script:Emu = Start-CasAwsEmulator -Config $config
    $script:Pem = $script:Emu.CertificatePath
    $script:Scratch = Enter-CasAwsScratch
    $script:SavedConfigDir = $env:CASAWS_CONFIG_DIR
    $env:CASAWS_CONFIG_DIR = Join-Path ([System.IO.Path]::GetTempPath()) "casaws-doctor-$([guid]::NewGuid().ToString('N').Substring(0, 12))"
    function script:Get-Check([string] $Name, [object[]] $Checks) { @($Checks | Where-Object Check -EQ $Name) }
    # A saved browser-login connection, as an administrator publishes it, for the emulator's CAS server $Server.
    function script:Import-BrowserConnection([string] $Name, [string] $Server) {
        $connection = Join-Path $env:CASAWS_CONFIG_DIR "$Name.json"
        New-Item -ItemType Directory -Force -Path $env:CASAWS_CONFIG_DIR | Out-Null
        @{ name = $Name; server = $script:Emu.CasServers[$Server].CasBaseHttps; openIdConnect = $true; caBundlePath = $script:Pem } | ConvertTo-Json | Set-Content $connection
        Import-CasAwsConnection $connection | Out-Null
    }
}

AfterAll {
    Exit-CasAwsScratch $script:Scratch
    Remove-Item -LiteralPath $env:CASAWS_CONFIG_DIR -Recurse -Force -ErrorAction SilentlyContinue
    $env:CASAWS_CONFIG_DIR = $script:SavedConfigDir
    Stop-CasAwsEmulator $script:Emu
}

Describe 'Test-CasAwsSetup against a healthy and a broken CAS server' {
    BeforeEach { Reset-CasAwsEmulator -Emulator $script:Emu }

    It 'passes a healthy server without a password, a login or a push' {
        $checks = Test-CasAwsSetup -Server $script:Emu.CasServers['cas'].CasBaseHttps -CaBundlePath $script:Pem

        $checks[0].GetType().FullName | Should -Be 'CasAws.Diagnostics.SetupCheck'
        (Get-Check ServerTls $checks).Status | Should -Be 'Pass'
        (Get-Check AwsStsEndpoint $checks).Status | Should -Be 'Pass'
        (Get-Check ClockSkew $checks).Status | Should -Be 'Pass'
        @(Get-CasAwsEmulatorRequest -Emulator $script:Emu | Where-Object Method -EQ 'POST').Count | Should -Be 0 -Because 'a POST to awsSts would be a login'
        (Get-CasAwsEmulatorStat -Emulator $script:Emu).pushes | Should -Be 0
    }

    It '-Login logs in once and reports it, never showing the password; a wrong password is a failed check with its id' {
        $cas = $script:Emu.CasServers['cas'].CasBaseHttps
        $good = [pscredential]::new('bob', (ConvertTo-SecureString 'bob-pw' -AsPlainText -Force))
        $bad = [pscredential]::new('bob', (ConvertTo-SecureString 'not-bobs-pw-9f3' -AsPlainText -Force))

        $passed = Test-CasAwsSetup -Server $cas -CaBundlePath $script:Pem -Login -Credential $good -WarningAction SilentlyContinue
        $logins = @(Get-CasAwsEmulatorRequest -Emulator $script:Emu | Where-Object Method -EQ 'POST').Count
        $failed = Test-CasAwsSetup -Server $cas -CaBundlePath $script:Pem -Login -Credential $bad -WarningAction SilentlyContinue

        (Get-Check Login $passed).Status | Should -Be 'Pass'
        (Get-Check Login $passed).Found | Should -BeLike 'bob logged in to *'
        $logins | Should -Be 1
        (Get-Check Login $failed).Status | Should -Be 'Fail'
        (Get-Check Login $failed).Found | Should -BeLike 'CasAuthenticationFailed*'
        (($passed + $failed) | Format-List * | Out-String) | Should -Not -Match 'bob-pw|not-bobs-pw-9f3|ASIA'
    }

    It 'names the fault of a server whose endpoint is <Name>' -TestCases @(
        @{ Name = 'hidden'; Says = 'answers 404*not exposed*'; Fix = '*management.endpoints.web.exposure.include=awsSts*' }
        @{ Name = 'denied'; Says = 'answers 403*actuator security denies*'; Fix = '*awsSts.access=ANONYMOUS*' }
        @{ Name = 'gateway'; Says = 'answers 302 to a login page*'; Fix = '*awsSts.access=ANONYMOUS*' }
    ) {
        param($Name, $Says, $Fix)
        $check = Get-Check AwsStsEndpoint (Test-CasAwsSetup -Server $script:Emu.CasServers[$Name].CasBaseHttps -CaBundlePath $script:Pem)

        $check.Status | Should -Be 'Fail'
        $check.Found | Should -BeLike "*$Says"
        $check.Fix | Should -BeLike $Fix
    }

    It 'names an untrusted certificate chain' {
        $checks = Test-CasAwsSetup -Server $script:Emu.CasServers['cas'].CasBaseHttps
        $tls = Get-Check ServerTls $checks

        $tls.Status | Should -Be 'Fail'
        $tls.Found | Should -BeLike '*certificate chain is not trusted*'
        $tls.Fix | Should -BeLike '*-CaBundlePath*'
        (Get-Check AwsStsEndpoint $checks).Status | Should -Be 'Skipped'
    }

    It 'names a server clock that is off' {
        Move-CasAwsEmulatorClock -Emulator $script:Emu -Seconds 900
        $clock = Get-Check ClockSkew (Test-CasAwsSetup -Server $script:Emu.CasServers['cas'].CasBaseHttps -CaBundlePath $script:Pem)

        $clock.Status | Should -Be 'Fail'
        $clock.Found | Should -Match 'the server''s clock is (89\d|90\d) s ahead of this computer''s'
        $clock.Fix | Should -BeLike '*network time*'
    }

    It 'checks the OpenID Connect discovery of a browser-login connection' {
        Import-BrowserConnection browser-ok 'cas'

        $check = Get-Check OidcDiscovery (Test-CasAwsSetup browser-ok)

        $check.Status | Should -Be 'Pass'
        $check.Found | Should -BeLike "$($script:Emu.CasServers['cas'].CasBaseHttps)/oidc/.well-known/openid-configuration reads; authorization at */cas/oidc/oidcAuthorize"
        $check.Fix | Should -BeNullOrEmpty
    }
}

Describe 'Test-CasAwsSetup against OpenID Connect discovery broken as deployments break it' {
    BeforeAll {
        foreach ($fault in $script:DiscoveryFaults) { Import-BrowserConnection "browser-$fault" "oidc-$fault" }
    }

    It 'names a discovery document that <Fault>, with the fix' -TestCases @(
        @{ Fault = 'notFound'; Says = '*answers 404: CAS has no OpenID Connect provider at https://127.0.0.1:*/oidc-notFound/oidc'; Fix = '*cas-server-support-oidc*cas.authn.oidc.core.issuer=https://127.0.0.1:*/oidc-notFound/oidc*-Issuer*' }
        @{ Fault = 'notJson'; Says = '*answers with an HTML page, not a discovery document: something in front of CAS*'; Fix = '*/oidc-notJson/oidc/ reach CAS itself*' }
        @{ Fault = 'issuerMismatch'; Says = '*states the issuer http://localhost:8080/cas/oidc, not https://127.0.0.1:*/oidc-issuerMismatch/oidc:*'; Fix = '*cas.authn.oidc.core.issuer=https://127.0.0.1:*/oidc-issuerMismatch/oidc (CAS''s default*' }
        @{ Fault = 'missingEndpoints'; Says = '*names no authorization_endpoint: the browser login cannot start'; Fix = '*CAS''s own document*' }
        @{ Fault = 'foreignEndpoints'; Says = '*names its authorization_endpoint http://cas-internal.example:8080/oidc-foreignEndpoints/oidc/oidcAuthorize, which is not on https://127.0.0.1:*'; Fix = '*cas.server.prefix and cas.authn.oidc.core.issuer to the public https address*' }
    ) {
        param($Fault, $Says, $Fix)
        $checks = Test-CasAwsSetup "browser-$Fault"
        $check = Get-Check OidcDiscovery $checks

        $check.Status | Should -Be 'Fail'
        $check.Found | Should -BeLike $Says
        $check.Fix | Should -BeLike $Fix
        (Get-Check AwsStsEndpoint $checks).Status | Should -Be 'Pass' -Because 'only the discovery document is broken'
        @(Get-CasAwsEmulatorRequest -Emulator $script:Emu | Where-Object { $_.Outcome -eq "discovery fault $Fault" }).Count | Should -BeGreaterThan 0
    }

    It 'a login at each broken discovery stops with OidcUnexpectedAnswer before any browser opens' -TestCases @(
        @{ Fault = 'notFound' }, @{ Fault = 'notJson' }, @{ Fault = 'issuerMismatch' }, @{ Fault = 'missingEndpoints' }, @{ Fault = 'foreignEndpoints' }
    ) {
        param($Fault)
        $savedBrowser = $env:BROWSER
        $opened = Join-Path $script:Scratch.Root "opened-$Fault.txt"
        $env:BROWSER = Join-Path $script:Scratch.Root 'browser.sh'
        Set-Content -LiteralPath $env:BROWSER -Value "#!/bin/sh`necho opened > '$opened'`n" -NoNewline
        & chmod 700 $env:BROWSER
        try {
            { Connect-CasAws -Name "browser-$Fault" -TimeoutSec 10 -ErrorAction Stop -WarningAction SilentlyContinue } |
                Should -Throw -ErrorId 'OidcUnexpectedAnswer,CasAws.Commands.ConnectCasAwsCommand'
        } finally {
            $env:BROWSER = $savedBrowser
        }
        Test-Path $opened | Should -BeFalse
    }
}

Describe 'Test-CasAwsSetup with a saved connection whose CA bundle is gone' {
    It 'reports the bundle as a failed check with the fix, and still runs the other checks' -TestCases @(
        @{ Case = 'missing'; Content = $null }
        @{ Case = 'not PEM'; Content = 'not a certificate' }
    ) {
        $bundle = Join-Path $script:Scratch.Root "bundle-$([guid]::NewGuid().ToString('N').Substring(0, 8)).pem"
        Copy-Item $script:Pem $bundle
        $connection = Join-Path $env:CASAWS_CONFIG_DIR 'lost-bundle.json'
        New-Item -ItemType Directory -Force -Path $env:CASAWS_CONFIG_DIR | Out-Null
        @{ name = 'lost-bundle'; server = $script:Emu.CasServers['cas'].CasBaseHttps; caBundlePath = $bundle } | ConvertTo-Json | Set-Content $connection
        Import-CasAwsConnection $connection | Out-Null
        (Get-Check CaBundle (Test-CasAwsSetup lost-bundle)).Status | Should -Be 'Pass'
        if ($null -eq $Content) { Remove-Item -LiteralPath $bundle } else { Set-Content -LiteralPath $bundle -Value $Content }

        $checks = Test-CasAwsSetup lost-bundle -ErrorVariable failures

        $failures | Should -BeNullOrEmpty
        $found = Get-Check CaBundle $checks
        $found.Status | Should -Be 'Fail'
        $found.Found | Should -BeLike "*$bundle*CaBundleUnreadable*"
        $found.Fix | Should -BeLike '*-CaBundlePath*'
        (Get-Check ServerTls $checks).Status | Should -Be 'Skipped'
        Get-Check AwsConfigFile $checks | Should -Not -BeNullOrEmpty
        Get-Check AwsCli $checks | Should -Not -BeNullOrEmpty
    }
}

Describe 'Test-CasAwsSetup on the AWS files and tools' {
    It 'names a static profile that shadows a credential_process one, and a helper that is gone' {
        Set-Content -LiteralPath $script:Scratch.Config -Value "[profile research]`ncredential_process = /nonexistent/CasAws.CredentialProcess --profile research`n"
        Set-Content -LiteralPath $script:Scratch.Credentials -Value "[research]`naws_access_key_id = AKIAOLDSTATICKEY0001`naws_secret_access_key = old`n"
        $checks = Test-CasAwsSetup -Server $script:Emu.CasServers['cas'].CasBaseHttps -CaBundlePath $script:Pem

        $shadow = Get-Check ShadowedProfile $checks
        $shadow.Status | Should -Be 'Fail'
        $shadow.Found | Should -BeLike "*profile 'research'*static keys*"
        $helper = Get-Check ProfileHelper $checks
        $helper.Status | Should -Be 'Fail'
        $helper.Found | Should -BeLike '*Missing*'
        $helper.Fix | Should -BeLike '*Register-CasAwsProfile research -Force*'
        "$($checks | ForEach-Object { $_.Found; $_.Fix })" | Should -Not -Match 'AKIAOLDSTATICKEY0001' -Because 'the doctor names profiles, never keys'
    }

    It 'names an AWS config file the AWS CLI cannot read' {
        Set-Content -LiteralPath $script:Scratch.Config -Value "region = us-east-1`n"
        $config = Get-Check AwsConfigFile (Test-CasAwsSetup -Server $script:Emu.CasServers['cas'].CasBaseHttps -CaBundlePath $script:Pem)

        $config.Status | Should -Be 'Fail'
        $config.Found | Should -BeLike '*before the first `[section`]*'
    }

    It 'reports the AWS CLI with its version when it is on PATH, and its absence otherwise' {
        # The AWS CLI reads its config file even for --version: the previous test's broken one would stop it.
        Remove-Item -LiteralPath $script:Scratch.Config, $script:Scratch.Credentials -ErrorAction SilentlyContinue
        $savedPath = $env:PATH
        try {
            # The real AWS CLI the test scripts install, first on PATH.
            $env:PATH = (Split-Path (Get-TestAwsCliPath)) + [System.IO.Path]::PathSeparator + $savedPath
            $withCli = Get-Check AwsCli (Test-CasAwsSetup -Server $script:Emu.CasServers['cas'].CasBaseHttps -CaBundlePath $script:Pem)
            $env:PATH = [System.IO.Path]::GetTempPath()
            $without = Get-Check AwsCli (Test-CasAwsSetup -Server $script:Emu.CasServers['cas'].CasBaseHttps -CaBundlePath $script:Pem)
        } finally {
            $env:PATH = $savedPath
        }
        $withCli.Status | Should -Be 'Pass'
        $withCli.Found | Should -Match 'aws-cli/2\.\d'
        $without.Status | Should -Be 'Warning'
        $without.Found | Should -BeLike '*not on PATH*'
    }

    It 'reports the AWS Tools modules found on PSModulePath with their versions' {
        $modules = Join-Path $script:Scratch.Root 'modules'
        New-Item -ItemType Directory -Force -Path (Join-Path $modules 'AWS.Tools.Common/4.1.700') | Out-Null
        $savedModulePath = $env:PSModulePath
        try {
            $env:PSModulePath = $modules
            $tools = Get-Check AwsTools (Test-CasAwsSetup -Server $script:Emu.CasServers['cas'].CasBaseHttps -CaBundlePath $script:Pem)
            $env:PSModulePath = Join-Path $script:Scratch.Root 'none'
            $none = Get-Check AwsTools (Test-CasAwsSetup -Server $script:Emu.CasServers['cas'].CasBaseHttps -CaBundlePath $script:Pem)
        } finally {
            $env:PSModulePath = $savedModulePath
        }
        $tools.Status | Should -Be 'Pass'
        $tools.Found | Should -BeLike 'AWS.Tools.Common 4.1.700 in *'
        $none.Status | Should -Be 'Warning'
    }
}
