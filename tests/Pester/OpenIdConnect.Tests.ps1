# Connect-CasAws -OpenIdConnect against the emulator's OIDC provider and STS, with a stand-in browser
# following the same pages over HTTP (the real headless Chromium is in OpenIdConnect.Chromium.Tests.ps1).
# Runs early: it waits for silent renewals and for a login that times out.
BeforeDiscovery {
    Import-Module (Join-Path $env:CASAWS_REPO_ROOT 'tests/Pester/TestSupport/Emulator.psm1') -Force
    $script:NoCli = -not (Get-TestAwsCliPath)
    $script:CanAddUser = $IsLinux -and ((& id -u) -eq '0') -and (Get-Command useradd, runuser -ErrorAction Ignore).Count -eq 2
}

BeforeAll {
    Import-Module (Join-Path $env:CASAWS_REPO_ROOT 'artifacts/CasAws/CasAws.psd1') -Force
    Import-Module (Join-Path $env:CASAWS_REPO_ROOT 'tests/Pester/TestSupport/Emulator.psm1') -Force
    Import-Module (Join-Path $env:CASAWS_REPO_ROOT 'tests/Pester/OidcSupport/OidcBrowserStandIn.psm1') -Force
    $script:Config = Get-CasAwsEmulatorSampleConfig
    $script:Emu = Start-CasAwsEmulator
    Set-CasAwsEmulatorPushTimeout -Emulator $script:Emu -Seconds 3
    $script:Work = Join-Path ([IO.Path]::GetTempPath()) "casaws-oidc-$([Guid]::NewGuid().ToString('N'))"
    New-Item -ItemType Directory -Path $script:Work | Out-Null
    $script:Recorder = New-UrlRecorder -Directory $script:Work
    $script:Saved = @{ BROWSER = $env:BROWSER; AWS_ENDPOINT_URL_STS = $env:AWS_ENDPOINT_URL_STS; AWS_REGION = $env:AWS_REGION }
    $env:BROWSER = $script:Recorder.Command
    $env:AWS_ENDPOINT_URL_STS = $script:Emu.StsUrlHttp
    $env:AWS_REGION = 'us-east-1'
    $script:Server = $script:Emu.CasBaseHttp
    $script:Account = $script:Config.sts.accountId

    function script:Connect-WithStandIn([hashtable] $Browser, [hashtable] $Connect = @{}) {
        $job = Start-StandInBrowser -UrlFile $script:Recorder.UrlFile @Browser
        try {
            $session = Connect-CasAws -Server $script:Server -OpenIdConnect -TimeoutSec 30 -WarningAction SilentlyContinue @Connect
            [pscustomobject]@{ Session = $session; Browser = ($job | Wait-Job -Timeout 60 | Receive-Job) }
        } finally {
            $job | Remove-Job -Force
        }
    }

    function script:Get-ErrorId([scriptblock] $Action) {
        try { & $Action; $null } catch { $script:LastError = $_; $_.FullyQualifiedErrorId.Split(',')[0] }
    }
}

AfterAll {
    Disconnect-CasAws -ErrorAction Ignore
    foreach ($name in $script:Saved.Keys) { Set-Item "env:$name" -Value $script:Saved[$name] -ErrorAction Ignore; if ($null -eq $script:Saved[$name]) { Remove-Item "env:$name" -ErrorAction Ignore } }
    Stop-CasAwsEmulator $script:Emu
    Remove-Item -LiteralPath $script:Work -Recurse -Force -ErrorAction Ignore
}

Describe 'Connect-CasAws -OpenIdConnect' {
    It 'logs in through the pages, lists the roles from the id_token and gets role credentials' {
        $result = Connect-WithStandIn @{ User = 'bob'; Password = 'bob-pw' }
        $result.Browser.Content | Should -Match 'Logged in'
        $result.Session.UserName | Should -Be 'bob'
        $shown = $result.Session | Out-String
        $shown | Should -Match 'Protocol\s+: OpenIdConnect'
        $shown | Should -Match 'MfaProvider\s+: as CAS asked in the browser' -Because 'the session view does not claim Duo for a browser login'
        (Get-CasAwsRole).RoleName | Should -Be @('CasDeveloper', 'CasAdmin', 'Read+Only=1,x@y_z-2')

        $credential = Get-CasAwsCredential -RoleArn CasDeveloper -Duration 01:00:00
        $credential.AccessKey | Should -Match '^ASIA'
        $credential.AssumedRoleArn | Should -Be "arn:aws:iam::$($script:Account):role/CasDeveloper"
        $credential.AccountId | Should -Be $script:Account
        ($credential.Expiration - [DateTime]::UtcNow).TotalMinutes | Should -BeGreaterThan 55
        (Get-CasAwsCredential -RoleArn CasDeveloper).AccessKey | Should -Be $credential.AccessKey -Because 'the session caches credentials'
    }

    It 'the AWS CLI works with the credentials (session named after the CAS user)' -Skip:$script:NoCli {
        Connect-WithStandIn @{ User = 'alice'; Password = 'alice-pw' } | Out-Null
        $credential = Get-CasAwsCredential -RoleArn 'arn:aws:iam::123456789012:role/engineering/CasAdmin'
        $result = Invoke-TestAwsCli -Emulator $script:Emu -Environment @{ AWS_ACCESS_KEY_ID = $credential.AccessKey; AWS_SECRET_ACCESS_KEY = $credential.SecretKey; AWS_SESSION_TOKEN = $credential.SessionToken } `
            -Arguments @('sts', 'get-caller-identity', '--endpoint-url', $script:Emu.StsUrlHttp, '--output', 'json')
        $result.ExitCode | Should -Be 0 -Because $result.StdErr
        $result.Json.Arn | Should -Be "arn:aws:sts::$($script:Account):assumed-role/CasAdmin/alice"
    }

    It 'reads the roles from userinfo when the service keeps them out of the id_token' {
        Connect-WithStandIn @{ User = 'casuser'; Password = 'Mellon' } @{ ClientId = 'casaws-userinfo' } | Out-Null
        (Get-CasAwsRole).RoleArn | Should -Be "arn:aws:iam::$($script:Account):role/CasDeveloper"
        (Get-CasAwsCredential).AssumedRoleArn | Should -Be "arn:aws:iam::$($script:Account):role/CasDeveloper" -Because 'a single role needs no -RoleArn'
    }

    It 'points an unreachable STS at AWS_ENDPOINT_URL_STS, not at -EndpointUrl, which Get-CasAwsCredential does not have' {
        Connect-WithStandIn @{ User = 'bob'; Password = 'bob-pw' } | Out-Null
        $kept = $env:AWS_ENDPOINT_URL_STS
        $env:AWS_ENDPOINT_URL_STS = 'http://127.0.0.1:1/'
        try {
            $failure = $null
            try { Get-CasAwsCredential -RoleArn CasDeveloper -Force -ErrorAction Stop } catch { $failure = $_ }
        } finally {
            $env:AWS_ENDPOINT_URL_STS = $kept
        }
        $failure.FullyQualifiedErrorId | Should -BeLike 'StsNetworkFailure,*'
        $failure.Exception.Message | Should -BeLike '*AWS_ENDPOINT_URL_STS at a reachable STS*'
        $failure.Exception.Message | Should -Not -BeLike '*-EndpointUrl*'
        (Get-Command Get-CasAwsCredential).Parameters.ContainsKey('EndpointUrl') | Should -BeFalse
    }

    It 'an MFA user passes the Duo step with a passcode' {
        $result = Connect-WithStandIn @{ User = 'frank'; Password = 'frank-pw'; Passcode = '999999' }
        $result.Session.UserName | Should -Be 'frank'
    }

    It 'remembers an OpenID Connect login (client id, issuer; never a token) and reconnects in the browser by name alone' {
        # The server URL has no OIDC provider below it, so the reconnect works only with the saved issuer.
        $authority = ([Uri] $script:Server).GetLeftPart('Authority')
        $issuer = "$($script:Server.TrimEnd('/'))/oidc"
        $job = Start-StandInBrowser -UrlFile $script:Recorder.UrlFile -User casuser -Password Mellon
        try {
            Connect-CasAws -Server "$authority/not-cas" -OpenIdConnect -Issuer $issuer -ClientId casaws-userinfo -Name oidc-work -TimeoutSec 30 -WarningAction SilentlyContinue | Out-Null
            $first = $job | Wait-Job -Timeout 60 | Receive-Job
        } finally {
            $job | Remove-Job -Force
        }
        $first.Content | Should -Match 'Logged in'
        $saved = Get-CasAwsConnection -Name oidc-work
        $saved.OpenIdConnect | Should -BeTrue
        $saved.ClientId | Should -Be 'casaws-userinfo'
        $saved.Issuer | Should -Be $issuer
        $saved.UserName | Should -BeNullOrEmpty -Because 'the browser asks for the user'
        $text = Get-Content -Raw -LiteralPath (Join-Path $env:CASAWS_CONFIG_DIR 'connections.json')
        $text | Should -Not -Match 'Mellon'
        $text | Should -Not -Match 'eyJ' -Because 'no id_token, access token or refresh token is saved'
        Disconnect-CasAws

        $job = Start-StandInBrowser -UrlFile $script:Recorder.UrlFile -User casuser -Password Mellon
        try {
            $session = Connect-CasAws -Name oidc-work -TimeoutSec 30 -WarningAction SilentlyContinue
            $second = $job | Wait-Job -Timeout 60 | Receive-Job
        } finally {
            $job | Remove-Job -Force
        }
        $second.Content | Should -Match 'Logged in'
        $session.Protocol | Should -Be 'OpenIdConnect'
        Get-QueryValue $second.Url 'client_id' | Should -Be 'casaws-userinfo'
        $second.Url.AbsoluteUri | Should -BeLike "$issuer/*"
        (Get-CasAwsRole).RoleArn | Should -Be "arn:aws:iam::$($script:Account):role/CasDeveloper" -Because 'casaws-userinfo releases the roles through userinfo'
    }

    It 'a saved OpenID Connect connection refuses a password, and Get-CasAwsCredential -Server says to connect first' {
        $credential = [pscredential]::new('casuser', (ConvertTo-SecureString 'Mellon' -AsPlainText -Force))
        Get-ErrorId { Connect-CasAws -Name oidc-work -Credential $credential -WarningAction SilentlyContinue } | Should -Be 'OidcParameterConflict'
        $script:LastError.Exception.Message | Should -BeLike "*saved connection 'oidc-work'*"
        Get-ErrorId { Get-CasAwsCredential -Server oidc-work -WarningAction SilentlyContinue } | Should -Be 'OidcParameterConflict'
        $script:LastError.Exception.Message | Should -BeLike '*Connect-CasAws -Name oidc-work*'
    }

    It 'a stray callback with another state is turned away and the login goes on' {
        $result = Connect-WithStandIn @{ Forge = $true; User = 'bob'; Password = 'bob-pw' }
        $result.Browser.Forged.Status | Should -Be 400
        $result.Browser.Forged.Content | Should -Match 'not waiting for this login'
        $result.Browser.Content | Should -Match 'Logged in'
        $result.Session.UserName | Should -Be 'bob'
    }

    It 'refuses a code from another authorization request (its nonce is not ours)' {
        $job = Start-StandInBrowser -UrlFile $script:Recorder.UrlFile -InjectCode -User casuser -Password Mellon
        $id = Get-ErrorId { Connect-CasAws -Server $script:Server -OpenIdConnect -TimeoutSec 30 -WarningAction SilentlyContinue }
        $job | Wait-Job -Timeout 60 | Remove-Job -Force
        $id | Should -Be 'OidcIdTokenInvalid' -Because $script:LastError
    }

    It 'times out when the browser never comes back (closed tab)' {
        $job = Start-StandInBrowser -UrlFile $script:Recorder.UrlFile -OnlyRecord
        $id = Get-ErrorId { Connect-CasAws -Server $script:Server -OpenIdConnect -TimeoutSec 2 -WarningAction SilentlyContinue }
        $job | Wait-Job -Timeout 60 | Remove-Job -Force
        $id | Should -Be 'OidcLoginTimeout'
    }

    It 'a denied push leaves the user on the Duo page and the login times out' {
        $job = Start-StandInBrowser -UrlFile $script:Recorder.UrlFile -User dave -Password dave-pw
        $id = Get-ErrorId { Connect-CasAws -Server $script:Server -OpenIdConnect -TimeoutSec 8 -WarningAction SilentlyContinue }
        $browser = $job | Wait-Job -Timeout 60 | Receive-Job
        $job | Remove-Job -Force
        $browser.Redirected | Should -BeFalse
        $browser.Content | Should -Match 'denied'
        $id | Should -Be 'OidcLoginTimeout'
    }

    It 'prints the URL when there is no browser, and still completes' {
        $env:BROWSER = ''
        $savedDisplay = $env:DISPLAY; $env:DISPLAY = ''
        try {
            $job = Start-ThreadJob -ArgumentList (Join-Path $env:CASAWS_REPO_ROOT 'tests/Pester/OidcSupport/OidcBrowserStandIn.psm1'), $script:Work -ScriptBlock {
                param($module, $work)
                Import-Module $module
                $file = Join-Path $work 'printed-url.txt'
                $deadline = [DateTime]::UtcNow.AddSeconds(60)
                while (-not (Test-Path $file) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
                Invoke-StandInLogin -Url ([Uri] (Get-Content $file -Raw).Trim()) -User casuser -Password Mellon
            }
            $printed = Connect-CasAws -Server $script:Server -OpenIdConnect -TimeoutSec 30 -WarningAction SilentlyContinue 6>&1 | ForEach-Object {
                if ($_ -is [System.Management.Automation.InformationRecord]) {
                    $url = ("$($_.MessageData)" -split "`n")[-1].Trim()
                    Set-Content -LiteralPath (Join-Path $script:Work 'printed-url.txt') -Value $url
                    $url
                } else { $_ }
            }
            ($job | Wait-Job -Timeout 60 | Receive-Job).Content | Should -Match 'Logged in'
            $printed[0] | Should -Match '^http://127\.0\.0\.1:\d+/[A-Za-z0-9_-]{43}$' -Because 'the one-time page is shown, as the browser would get it'
            (Get-CasAwsRole).Count | Should -Be 1
        } finally {
            $job | Remove-Job -Force -ErrorAction Ignore
            $env:BROWSER = $script:Recorder.Command
            $env:DISPLAY = $savedDisplay
        }
    }
}

Describe 'The browser login on a shared machine (issue 19)' {
    BeforeAll {
        $script:Attacker = Join-Path $env:CASAWS_REPO_ROOT 'tests/Pester/OidcSupport/LoginSwapAttacker.py'

        # A browser that keeps its command line (the address CasAws gave it) while a local attacker reads it;
        # it waits until the attacker has fetched that address, then fetches it itself, as a real browser would.
        function script:Invoke-SwapAttempt([string[]] $RunAs) {
            $markers = Join-Path $script:Work "swap-$([Guid]::NewGuid().ToString('N'))"
            New-Item -ItemType Directory -Path $markers | Out-Null
            & chmod 777 $markers
            Copy-Item -LiteralPath $script:Attacker -Destination $markers
            $holding = New-UrlRecorder -Directory $markers -HoldSeconds 20
            $env:BROWSER = $holding.Command
            $attackerArguments = @('/usr/bin/python3', (Join-Path $markers 'LoginSwapAttacker.py'), 'bob', 'bob-pw', $markers, 'victim-fetched.txt', $markers)
            $attacker = Start-Process -FilePath $RunAs[0] -ArgumentList (@($RunAs | Select-Object -Skip 1) + $attackerArguments) -PassThru `
                -RedirectStandardError (Join-Path $markers 'attacker-stderr.txt') -RedirectStandardOutput (Join-Path $markers 'attacker-stdout.txt')
            $victim = Start-ThreadJob -ArgumentList (Join-Path $env:CASAWS_REPO_ROOT 'tests/Pester/OidcSupport/OidcBrowserStandIn.psm1'), $holding.UrlFile, $markers -ScriptBlock {
                param($module, $urlFile, $markers)
                Import-Module $module
                $url = Wait-AuthorizationUrl -UrlFile $urlFile
                $deadline = [DateTime]::UtcNow.AddSeconds(60)
                while (-not (Test-Path (Join-Path $markers 'attacker-fetched.txt')) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
                $status = try { (Invoke-Page ([Microsoft.PowerShell.Commands.WebRequestSession]::new()) Get $url).StatusCode } catch { 'no answer' }
                Set-Content -LiteralPath (Join-Path $markers 'victim-fetched.txt') -Value $status
                $status
            }
            try {
                $failure = Get-ErrorId { Connect-CasAws -Server $script:Server -OpenIdConnect -TimeoutSec 30 -WarningAction SilentlyContinue -InformationAction SilentlyContinue | Out-Null }
                $attacker.WaitForExit(60000) | Out-Null
                [pscustomobject]@{
                    ErrorId  = $failure
                    Message  = if ($failure) { $script:LastError.Exception.Message }
                    Attacker = Get-Content -Raw -LiteralPath (Join-Path $markers 'attacker-done.txt') -ErrorAction Ignore
                    Session  = try { @(Get-CasAwsRole -ErrorAction Stop -WarningAction Ignore) } catch { @() }
                }
            } finally {
                $victim | Wait-Job -Timeout 60 | Remove-Job -Force
                if (-not $attacker.HasExited) { $attacker.Kill() }
                $env:BROWSER = $script:Recorder.Command
            }
        }
    }
    BeforeEach { Disconnect-CasAws -ErrorAction Ignore }

    It 'another local user who reads the browser''s command line and fetches the page first gets nothing, and the login is abandoned' -Skip:(-not $script:CanAddUser) {
        # A throwaway user of this run only (parallel runs on the machine each make their own).
        $intruder = "casaws-intruder-$([Guid]::NewGuid().ToString('N').Substring(0, 8))"
        & useradd --system --no-create-home --shell /usr/sbin/nologin $intruder
        try {
            $result = Invoke-SwapAttempt @('runuser', '-u', $intruder, '--')
        } finally {
            & userdel $intruder 2>$null
        }
        $result.ErrorId | Should -Be 'OidcLoginInterference' -Because "the attacker's login must not become the user's ($($result.Attacker))"
        $result.Message | Should -Match 'another local user'
        $result.Attacker | Should -Match 'one-time page answered 403'
        $result.Session.Count | Should -Be 0 -Because "no session is left from the attacker's login"
    }

    It 'a second process that reads the browser''s command line, fetches the page first and swaps in its own login ends the login' -Skip:(-not $IsLinux) {
        $result = Invoke-SwapAttempt @('/usr/bin/env')
        $result.ErrorId | Should -Be 'OidcLoginInterference' -Because "the attacker's login must not become the user's ($($result.Attacker))"
        $result.Message | Should -Match 'opened twice'
        $result.Attacker | Should -Not -Match 'Logged in'
        $result.Session.Count | Should -Be 0 -Because "no session is left from the attacker's login"
    }

    It 'idle connections held open and a stray GET /callback during a login neither end nor stall it' {
        $job = Start-ThreadJob -ArgumentList (Join-Path $env:CASAWS_REPO_ROOT 'tests/Pester/OidcSupport/OidcBrowserStandIn.psm1'), $script:Recorder.UrlFile -ScriptBlock {
            param($module, $urlFile)
            Import-Module $module
            $url = Wait-AuthorizationUrl -UrlFile $urlFile
            $port = if (Test-OneTimePage $url) { $url.Port } else { ([Uri] (Get-QueryValue $url 'redirect_uri')).Port }
            $idle = foreach ($i in 1..8) { $c = [Net.Sockets.TcpClient]::new(); $c.Connect('127.0.0.1', $port); $c }
            $stray = Invoke-Page ([Microsoft.PowerShell.Commands.WebRequestSession]::new()) Get "http://127.0.0.1:$port/callback"
            $login = Invoke-StandInLogin -Url $url -User bob -Password bob-pw
            $idle | ForEach-Object { $_.Dispose() }
            [pscustomobject]@{ Stray = $stray.StatusCode; Login = $login }
        }
        try {
            $session = Connect-CasAws -Server $script:Server -OpenIdConnect -TimeoutSec 20 -WarningAction SilentlyContinue -InformationAction SilentlyContinue
            $browser = $job | Wait-Job -Timeout 60 | Receive-Job
        } finally {
            $job | Remove-Job -Force
        }
        $browser.Stray | Should -Be 400
        $browser.Login.Content | Should -Match 'Logged in'
        $session.UserName | Should -Be 'bob'
    }

    It '-UserName sends login_hint and refuses an id_token for someone else; without it the user is shown whom they logged in as' {
        $job = Start-StandInBrowser -UrlFile $script:Recorder.UrlFile -User bob -Password bob-pw
        try {
            Get-ErrorId { Connect-CasAws -Server $script:Server -OpenIdConnect -UserName alice -TimeoutSec 30 -WarningAction SilentlyContinue } | Should -Be 'OidcUnexpectedUser'
            $browser = $job | Wait-Job -Timeout 60 | Receive-Job
        } finally {
            $job | Remove-Job -Force
        }
        Get-QueryValue $browser.AuthorizationUrl 'login_hint' | Should -Be 'alice'
        $script:LastError.Exception.Message | Should -Match "'bob', not for 'alice'"
        $browser.Content | Should -Match 'Login failed'
        { Get-CasAwsRole -ErrorAction Stop } | Should -Throw -Because 'no session is left from the refused login'

        $job = Start-StandInBrowser -UrlFile $script:Recorder.UrlFile -User bob -Password bob-pw
        try {
            $shown = Connect-CasAws -Server $script:Server -OpenIdConnect -TimeoutSec 30 -WarningAction SilentlyContinue 6>&1 | Where-Object { $_ -is [System.Management.Automation.InformationRecord] }
            $browser = $job | Wait-Job -Timeout 60 | Receive-Job
        } finally {
            $job | Remove-Job -Force
        }
        Get-QueryValue $browser.AuthorizationUrl 'login_hint' | Should -BeNullOrEmpty
        "$shown" | Should -Match 'Logged in as bob at '
    }

    It 'a saved connection remembers the expected user: reconnecting sends its login_hint and refuses another user' {
        $first = Connect-WithStandIn @{ User = 'bob'; Password = 'bob-pw' } @{ UserName = 'bob'; Name = 'oidc-bob' }
        $first.Session.UserName | Should -Be 'bob'
        (Get-CasAwsConnection -Name oidc-bob).UserName | Should -Be 'bob'
        Disconnect-CasAws

        $job = Start-StandInBrowser -UrlFile $script:Recorder.UrlFile -User alice -Password alice-pw
        try {
            Get-ErrorId { Connect-CasAws -Name oidc-bob -TimeoutSec 30 -WarningAction SilentlyContinue } | Should -Be 'OidcUnexpectedUser'
            $browser = $job | Wait-Job -Timeout 60 | Receive-Job
        } finally {
            $job | Remove-Job -Force
        }
        Get-QueryValue $browser.AuthorizationUrl 'login_hint' | Should -Be 'bob'
    }

    It '-RedirectPort brings the login back to that port, and says when it is taken' {
        $probe = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0); $probe.Start(); $port = $probe.LocalEndpoint.Port; $probe.Stop()
        $result = Connect-WithStandIn @{ User = 'bob'; Password = 'bob-pw' } @{ RedirectPort = $port }
        Get-QueryValue $result.Browser.AuthorizationUrl 'redirect_uri' | Should -Be "http://127.0.0.1:$port/callback"
        $result.Session.UserName | Should -Be 'bob'

        $taken = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, $port); $taken.Start()
        try {
            Get-ErrorId { Connect-CasAws -Server $script:Server -OpenIdConnect -RedirectPort $port -TimeoutSec 5 -WarningAction SilentlyContinue } | Should -Be 'OidcRedirectPortInUse'
        } finally {
            $taken.Stop()
        }
    }
}

Describe 'OpenID Connect sessions and AWS' {
    It 'a role the trust policy refuses is WebIdentityAccessDenied naming the provider and audience' {
        Connect-WithStandIn @{ User = 'bob'; Password = 'bob-pw' } | Out-Null
        $failure = $null
        Get-CasAwsCredential -RoleArn 'arn:aws:iam::123456789012:role/OidcAliceOnly' -ErrorVariable failure -ErrorAction SilentlyContinue | Out-Null
        $failure[0].FullyQualifiedErrorId | Should -Match '^WebIdentityAccessDenied'
        $failure[0].Exception.Message | Should -Match 'oidc-provider/127\.0\.0\.1/cas/oidc'
        $failure[0].Exception.Message | Should -Match ':aud'
    }

    It 'an expired id_token without a refresh token: STS says expired, and the error says to log in again' {
        Reset-CasAwsEmulator $script:Emu
        Connect-WithStandIn @{ User = 'casuser'; Password = 'Mellon' } @{ ClientId = 'casaws-userinfo' } | Out-Null
        Move-CasAwsEmulatorClock -Emulator $script:Emu -Seconds (9 * 3600)
        try {
            $failure = $null
            Get-CasAwsCredential -RoleArn CasDeveloper -ErrorVariable failure -ErrorAction SilentlyContinue | Out-Null
            $failure[0].FullyQualifiedErrorId | Should -Match '^OidcLoginExpired'
            $failure[0].Exception.Message | Should -Match 'Connect-CasAws -OpenIdConnect'
        } finally {
            Reset-CasAwsEmulator $script:Emu
        }
    }

    It 'an expired id_token with a refresh token is renewed without a browser' {
        Connect-WithStandIn @{ User = 'bob'; Password = 'bob-pw' } | Out-Null
        Move-CasAwsEmulatorClock -Emulator $script:Emu -Seconds (9 * 3600)
        try {
            (Get-CasAwsCredential -RoleArn CasAdmin).AssumedRoleArn | Should -Match 'role/engineering/CasAdmin$'
            @((Get-CasAwsEmulatorRequest $script:Emu) | Where-Object { $_.Action -eq 'oidc:oidcAccessToken' -and $_.Outcome -eq 'tokens refreshed' }).Count | Should -Be 1
        } finally {
            Reset-CasAwsEmulator $script:Emu
        }
    }

    It 'never shows the id_token, access token or refresh token in any stream or the transcript' {
        $transcript = Join-Path $script:Work 'transcript.txt'
        Start-Transcript -LiteralPath $transcript | Out-Null
        $DebugPreference = 'Continue'
        try {
            $job = Start-StandInBrowser -UrlFile $script:Recorder.UrlFile -User bob -Password bob-pw
            $output = & {
                $script:LastSession = Connect-CasAws -Server $script:Server -OpenIdConnect -TimeoutSec 30 -Verbose
                $script:LastSession | Format-List * | Out-String
                Get-CasAwsCredential -RoleArn CasDeveloper -Verbose -Force | Format-List * | Out-String
                Get-CasAwsCredential -RoleArn 'arn:aws:iam::123456789012:role/OidcAliceOnly' -Verbose -ErrorAction Continue
            } *>&1 | Out-String
            $job | Wait-Job -Timeout 60 | Remove-Job -Force
        } finally {
            Stop-Transcript | Out-Null
        }
        $session = $script:LastSession
        $oidc = $session.GetType().GetProperty('OpenIdConnect', [Reflection.BindingFlags] 'Instance,NonPublic').GetValue($session)
        $secrets = @($oidc.IdToken.Split('.')[1], $oidc.IdToken.Split('.')[2], $oidc.AccessToken, $oidc.RefreshToken) | Where-Object { $_ }
        $secrets.Count | Should -Be 4
        $everything = $output + (Get-Content -LiteralPath $transcript -Raw) + (($Error | ForEach-Object { $_ | Out-String }) -join '')
        foreach ($secret in $secrets) { $everything.Contains($secret) | Should -BeFalse }
    }
}

Describe 'OpenID Connect at an https issuer with a private CA' {
    It 'trusts the issuer through -CaBundlePath for every call of the login, and refuses it without' {
        Disconnect-CasAws
        $job = Start-StandInBrowser -UrlFile $script:Recorder.UrlFile -User bob -Password bob-pw
        try {
            $session = Connect-CasAws -Server $script:Emu.CasBaseHttps -OpenIdConnect -CaBundlePath $script:Emu.CertificatePath -TimeoutSec 30 -WarningAction SilentlyContinue
        } finally {
            $job | Wait-Job -Timeout 60 | Out-Null
            $job | Remove-Job -Force
        }

        $session.UserName | Should -Be 'bob'
        (Get-CasAwsRole).RoleName | Should -Contain 'CasDeveloper'
        (Get-CasAwsCredential -RoleArn CasDeveloper).AccessKey | Should -Match '^ASIA'
        Disconnect-CasAws

        $failure = Get-ErrorId { Connect-CasAws -Server $script:Emu.CasBaseHttps -OpenIdConnect -TimeoutSec 10 -ErrorAction Stop -WarningAction SilentlyContinue }
        $failure | Should -Be 'CasCertificateUntrusted' -Because 'the emulator certificate is trusted only through the bundle'
        $script:LastError.Exception.Message | Should -BeLike '*-CaBundlePath*'
    }
}

Describe 'credential_process profiles of an OpenID Connect session' -Skip:$script:NoCli {
    BeforeAll { Import-Module (Join-Path $env:CASAWS_REPO_ROOT 'tests/Pester/TestSupport/CasAwsFiles.psm1') -Force }
    BeforeEach { $script:Scratch = Enter-CasAwsScratch }
    AfterEach { Exit-CasAwsScratch $script:Scratch }

    It 'the helper assumes the role with the cached id_token, without a login; Disconnect-CasAws removes it' {
        Connect-WithStandIn @{ User = 'bob'; Password = 'bob-pw' } | Out-Null
        Register-CasAwsProfile oidc-dev -RoleArn CasDeveloper -Duration 01:30:00 | Out-Null
        # Registering fills the profile's cache from the session; without those keys the helper must use the id_token.
        Remove-Item -LiteralPath (Join-Path $env:CASAWS_CACHE_DIR 'credentials/oidc-dev.cache') -ErrorAction Stop
        $tokenFile = @(Get-ChildItem -LiteralPath (Join-Path $env:CASAWS_CACHE_DIR 'oidc') -Filter '*.token')
        $tokenFile.Count | Should -Be 1
        if (-not $IsWindows) { [IO.File]::GetUnixFileMode($tokenFile[0].FullName) | Should -Be ([IO.UnixFileMode] 'UserRead, UserWrite') }
        function Count([string] $What) { @(Get-CasAwsEmulatorRequest $script:Emu | Where-Object { $_.Action -eq $What }).Count }
        $logins = Count 'oidc:oidcAuthorize'
        $assumed = Count 'sts:AssumeRoleWithWebIdentity'

        $who = Invoke-TestAwsCli -Arguments @('sts', 'get-caller-identity', '--endpoint-url', $script:Emu.StsUrlHttp, '--profile', 'oidc-dev', '--output', 'json') -Environment @{
            AWS_CONFIG_FILE = $env:AWS_CONFIG_FILE; AWS_SHARED_CREDENTIALS_FILE = $env:AWS_SHARED_CREDENTIALS_FILE; CASAWS_CACHE_DIR = $env:CASAWS_CACHE_DIR; AWS_ENDPOINT_URL_STS = $script:Emu.StsUrlHttp
        }

        $who.ExitCode | Should -Be 0 -Because $who.StdErr
        $who.Json.Arn | Should -Be 'arn:aws:sts::123456789012:assumed-role/CasDeveloper/bob'
        Count 'sts:AssumeRoleWithWebIdentity' | Should -Be ($assumed + 1)
        Count 'oidc:oidcAuthorize' | Should -Be $logins -Because 'no browser login was needed'
        (Get-CasAwsProfile oidc-dev).CachedUntil | Should -BeGreaterThan ([datetime]::UtcNow.AddMinutes(85)) -Because "the renewal asks for the profile's duration"
        Disconnect-CasAws
        Test-Path -LiteralPath $tokenFile[0].FullName | Should -BeFalse
    }

    It 'once the browser login has ended, the helper says to log in in the browser again, even at a terminal, and never asks for a password' -Skip:($IsWindows -or -not (Get-Command script -CommandType Application -ErrorAction Ignore)) {
        Import-Module (Join-Path $env:CASAWS_REPO_ROOT 'tests/Pester/TestSupport/PseudoTerminal.psm1') -Force
        Connect-WithStandIn @{ User = 'bob'; Password = 'bob-pw' } | Out-Null
        Register-CasAwsProfile oidc-ended -RoleArn CasDeveloper | Out-Null
        # Log out everywhere: the id_token and the profile's keys go, the registration stays.
        Disconnect-CasAws -All
        $casCalls = @(Get-CasAwsEmulatorRequest $script:Emu | Where-Object { $_.path -like '*/actuator/awsSts' }).Count

        $terminal = Start-PseudoTerminal -Command "$(ConvertTo-ShellWord (Get-TestAwsCliPath)) sts get-caller-identity --profile oidc-ended --endpoint-url $($script:Emu.StsUrlHttp); echo exit=`$?" -Environment @{
            AWS_CONFIG_FILE = $env:AWS_CONFIG_FILE; AWS_SHARED_CREDENTIALS_FILE = $env:AWS_SHARED_CREDENTIALS_FILE; CASAWS_CACHE_DIR = $env:CASAWS_CACHE_DIR; AWS_PAGER = ''; AWS_EC2_METADATA_DISABLED = 'true'
        }
        $run = Wait-PseudoTerminal $terminal -TimeoutSeconds 60

        $run.TimedOut | Should -BeFalse -Because $run.Output
        $text = $run.Output -replace '\r?\n', ''
        $text | Should -Not -Match 'Password' -Because 'a browser login cannot be renewed with a password'
        $text | Should -Match "comes from a browser login, which has ended.*Connect-CasAws -Server '$([regex]::Escape($script:Server))' -OpenIdConnect"
        $text | Should -Match 'exit=[1-9]'
        @(Get-CasAwsEmulatorRequest $script:Emu | Where-Object { $_.path -like '*/actuator/awsSts' }).Count | Should -Be $casCalls
    }
}

Describe 'Invoke-CasAwsCommand -KeepFresh with an OpenID Connect session' {
    It 'renews silently from the cached id_token twice: no CAS login, no browser login' {
        Connect-WithStandIn @{ User = 'bob'; Password = 'bob-pw' } | Out-Null
        function Count([string] $What) { @(Get-CasAwsEmulatorRequest $script:Emu | Where-Object { $_.Action -eq $What }).Count }
        $logins = Count 'oidc:oidcAuthorize'
        $assumed = Count 'sts:AssumeRoleWithWebIdentity'
        $casCalls = @(Get-CasAwsEmulatorRequest $script:Emu | Where-Object { $_.path -like '*/actuator/awsSts' }).Count

        # 15-minute keys renewed when 14 min 57 s are left: a renewal every 3 s of real time.
        $run = Invoke-CasAwsCommand -KeepFresh -RoleArn CasDeveloper -Duration 900 -RenewBefore 897 {
            $server = Get-CasAwsCredentialServer | Where-Object StartedBy -EQ 'Invoke-CasAwsCommand -KeepFresh'
            $seen = 0
            $keys = foreach ($round in 1..3) {
                if ($round -gt 1) {
                    # No clock move here: STS's answer carries the moved clock's expiry, which would put the next renewal 15 minutes off.
                    $deadline = [datetime]::UtcNow.AddSeconds(60)
                    while ($server.Renewals -le $seen -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 200 }
                }
                $answer = Invoke-RestMethod -Uri $env:AWS_CONTAINER_CREDENTIALS_FULL_URI -Headers @{ Authorization = $env:AWS_CONTAINER_AUTHORIZATION_TOKEN } -NoProxy
                $seen = $server.Renewals   # read after the answer: the next round's keys are newer than these
                $answer.AccessKeyId
            }
            [pscustomobject]@{ Keys = $keys; Server = $server; Renews = $server.Renews; Problem = $server.Problem }
        }
        $run | Add-Member -NotePropertyName Renewals -NotePropertyValue $run.Server.Renewals   # the endpoint has stopped: the count is final

        $run.Renews | Should -Be 'Silent'
        $run.Problem | Should -BeNullOrEmpty
        $run.Renewals | Should -BeGreaterOrEqual 2
        $run.Keys | Select-Object -Unique | Should -HaveCount 3 -Because 'the endpoint served the first keys and two renewals'' keys'
        Count 'sts:AssumeRoleWithWebIdentity' | Should -Be ($assumed + 1 + $run.Renewals) -Because 'the first keys, then one AssumeRoleWithWebIdentity per renewal'
        Count 'oidc:oidcAuthorize' | Should -Be $logins -Because 'no browser login was needed'
        @(Get-CasAwsEmulatorRequest $script:Emu | Where-Object { $_.path -like '*/actuator/awsSts' }).Count | Should -Be $casCalls -Because 'a browser session never calls awsSts'
        Disconnect-CasAws
    }
}
