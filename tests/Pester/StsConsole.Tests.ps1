# Get-CasAwsConsoleUrl: role credentials -> federation getSigninToken -> console login URL (issue 5).
# Runs early: it mostly waits for Chromium.
BeforeAll {
    Import-Module (Join-Path $env:CASAWS_REPO_ROOT 'tests/Pester/TestSupport/Emulator.psm1') -Force
    Import-Module (Join-Path $env:CASAWS_REPO_ROOT 'artifacts/CasAws/CasAws.psd1') -Force
    $script:Emulator = Start-CasAwsEmulator
    $env:AWS_ENDPOINT_URL_STS = $script:Emulator.StsUrlHttp
    $script:Federation = $script:Emulator.FederationUrlHttp
    $script:CasUser = [pscredential]::new('casuser', (ConvertTo-SecureString 'Mellon' -AsPlainText -Force))
    $script:RoleServer = $script:Emulator.CasServers['cas'].CasBaseHttp
    $script:Role = Get-CasAwsCredential -Server $script:RoleServer -Credential $script:CasUser -WarningAction SilentlyContinue
    $script:SessionToken = Get-CasAwsCredential -Server $script:Emulator.CasServers['cas-session'].CasBaseHttp -Credential $script:CasUser -WarningAction SilentlyContinue

    function Get-Query([string] $Url) {
        $query = @{}
        foreach ($pair in ([uri] $Url).Query.TrimStart('?').Split('&')) {
            $name, $value = $pair.Split('=', 2)
            $query[$name] = [uri]::UnescapeDataString($value)
        }
        $query
    }

    # A folder for a stand-in browser's records, and its scripts (the browser, an attacker) written executable.
    function New-BrowserRecord {
        $folder = Join-Path ([System.IO.Path]::GetTempPath()) ("casaws-browser-" + [guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory -Path $folder | Out-Null
        $folder
    }

    function Set-ShellScript([string] $Path, [string[]] $Lines) {
        Set-Content -LiteralPath $Path -NoNewline -Value ($Lines -join "`n")
        & chmod +x $Path
    }

    function Get-FederationRequestCount {
        @(Get-CasAwsEmulatorRequest -Emulator $script:Emulator | Where-Object Path -Like '/federation*').Count
    }
}

AfterAll {
    Remove-Item Env:AWS_ENDPOINT_URL_STS, Env:BROWSER -ErrorAction SilentlyContinue
    if ($script:Emulator) { Stop-CasAwsEmulator $script:Emulator }
}

Describe 'Get-CasAwsConsoleUrl' {
    It 'turns role credentials into a login URL the federation endpoint accepts' {
        (Get-Command Get-CasAwsConsoleUrl).OutputType.Name | Should -Be 'System.String'
        $url = $script:Role | Get-CasAwsConsoleUrl -FederationUrl $script:Federation

        $query = Get-Query $url
        $url | Should -BeLike "$($script:Federation)?Action=login&*"
        $query.Destination | Should -BeExactly 'https://console.aws.amazon.com/'
        $query.Issuer | Should -BeExactly $script:RoleServer
        $query.SigninToken | Should -Not -BeNullOrEmpty
        # The emulator's login step checks the token and sends the browser on to the destination.
        $answer = Invoke-WebRequest -Uri $url -MaximumRedirection 0 -SkipHttpErrorCheck -ErrorAction SilentlyContinue
        $answer.StatusCode | Should -Be 302
        $answer.Headers.Location | Should -Be 'https://console.aws.amazon.com/'
    }

    It 'lands on -Destination and names -Issuer' {
        $url = $script:Role | Get-CasAwsConsoleUrl 'https://console.aws.amazon.com/s3/home?region=eu-west-1' -Issuer 'https://portal.example.edu/' -FederationUrl $script:Federation
        $query = Get-Query $url

        $query.Destination | Should -BeExactly 'https://console.aws.amazon.com/s3/home?region=eu-west-1'
        $query.Issuer | Should -BeExactly 'https://portal.example.edu/'
    }

    It 'works on chained role credentials' {
        $url = $script:Role | Get-CasAwsChainedCredential arn:aws:iam::123456789012:role/ChainTarget | Get-CasAwsConsoleUrl -FederationUrl $script:Federation

        (Invoke-WebRequest -Uri $url -MaximumRedirection 0 -SkipHttpErrorCheck -ErrorAction SilentlyContinue).StatusCode | Should -Be 302
    }

    It 'refuses session-token credentials clearly, without sending them to the federation endpoint' {
        Reset-CasAwsEmulator -Emulator $script:Emulator
        $script:SessionToken | Get-CasAwsConsoleUrl -FederationUrl $script:Federation -ErrorAction SilentlyContinue -ErrorVariable failure

        $failure[0].FullyQualifiedErrorId | Should -BeLike 'ConsoleNeedsRoleCredentials,*'
        $failure[0].Exception.Message | Should -Match 'session-token credentials'
        $failure[0].Exception.Message | Should -Match 'Get-CasAwsChainedCredential'
        Get-FederationRequestCount | Should -Be 0
    }

    It "reports the federation endpoint's refusal with what to do" {
        # Role credentials whose role is already known (no STS check) but which STS has since expired.
        $role = Get-CasAwsCredential -Server $script:RoleServer -Credential $script:CasUser -WarningAction SilentlyContinue -Force
        $role.AssumedRoleArn = 'arn:aws:iam::123456789012:role/CasDeveloper'
        Move-CasAwsEmulatorClock -Emulator $script:Emulator -Seconds 7200
        try {
            $role | Get-CasAwsConsoleUrl -FederationUrl $script:Federation -ErrorAction SilentlyContinue -ErrorVariable failure
        } finally {
            Reset-CasAwsEmulator -Emulator $script:Emulator
        }
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'FederationRefused,*'
        $failure[0].Exception.Message | Should -Match 'HTTP 400'
        $failure[0].Exception.Message | Should -Not -Match ([regex]::Escape($role.SecretKey))
    }

    It 'opens the console through a one-time loopback page, so the sign-in token is on no command line' {
        # The stand-in browser records its arguments and every process's command line, then fetches the
        # page it was given (as a browser would).
        $record = New-BrowserRecord
        $browser = Join-Path $record 'browser.sh'
        Set-ShellScript $browser @(
            '#!/bin/sh'
            "printf '%s' `"`$*`" > '$record/arguments'"
            "ps -eo args > '$record/processes'"
            "curl -s -o /dev/null -w '%{redirect_url}' `"`$1`" > '$record/location.part' && mv '$record/location.part' '$record/location'"
        )
        $env:BROWSER = $browser
        try {
            $output = $script:Role | Get-CasAwsConsoleUrl -FederationUrl $script:Federation -Open -WarningVariable warnings -InformationVariable said
            $output | Should -BeNullOrEmpty
            $warnings | Should -BeNullOrEmpty
            # Nothing on the pipeline, but the host is told what happened (issue 20, item 14).
            "$said" | Should -BeLike "Opened the AWS console (*) in the browser as $($script:Role.AssumedRoleArn)*"

            $given = Get-Content -LiteralPath "$record/arguments" -Raw
            $given | Should -Match '^http://127\.0\.0\.1:\d+/[A-Za-z0-9_-]{43}$'
            $location = Get-Content -LiteralPath "$record/location" -Raw
            $query = Get-Query $location
            $location | Should -BeLike "$($script:Federation)?Action=login&*"
            $query.SigninToken | Should -Not -BeNullOrEmpty
            $given | Should -Not -Match ([regex]::Escape($query.SigninToken))
            Get-Content -LiteralPath "$record/processes" -Raw | Should -Not -Match ([regex]::Escape($query.SigninToken))
            { Invoke-WebRequest -Uri $given -SkipHttpErrorCheck -MaximumRedirection 0 } | Should -Throw -Because 'the page is gone once the command has returned'
            (Invoke-WebRequest -Uri $location -MaximumRedirection 0 -SkipHttpErrorCheck -ErrorAction SilentlyContinue).StatusCode | Should -Be 302

            $passThru = $script:Role | Get-CasAwsConsoleUrl -FederationUrl $script:Federation -Open -PassThru
            $passThru | Should -BeLike "$($script:Federation)?Action=login&*"
        } finally {
            Remove-Item Env:BROWSER
            Remove-Item -LiteralPath $record -Recurse -ErrorAction SilentlyContinue
        }
    } -Skip:($IsWindows)

    It 'reports a second process that reads the browser''s command line and fetches the one-time page first' {
        # The browser takes a moment to start (its command line is readable meanwhile); the attacker, another
        # process, finds the page in /proc/*/cmdline and fetches it first; the browser then comes second.
        $record = New-BrowserRecord
        $browser = Join-Path $record 'browser.sh'
        Set-ShellScript $browser @(
            '#!/bin/sh'
            "while [ ! -f '$record/stolen' ]; do sleep 0.05; done"
            "curl -s -o /dev/null -w '%{http_code}' `"`$1`" > '$record/browser-status'"
        )
        $attacker = Join-Path $record 'attacker.sh'
        Set-ShellScript $attacker @(
            '#!/bin/sh'
            'for i in $(seq 1500); do'
            "  for f in /proc/[0-9]*/cmdline; do if grep -q -a '$record/browser.sh' `"`$f`" 2>/dev/null; then url=`$(tr '\000' '\n' < `"`$f`" | grep -a -o 'http://127.0.0.1:[0-9]*/[A-Za-z0-9_-]*' | head -1); fi; done"
            '  [ -n "$url" ] && break; sleep 0.02'
            'done'
            "curl -s -o /dev/null -w '%{http_code} %{redirect_url}' `"`$url`" > '$record/stolen.part'; mv '$record/stolen.part' '$record/stolen'"
        )
        $thief = Start-Process -FilePath $attacker -PassThru
        $env:BROWSER = $browser
        try {
            $script:Role | Get-CasAwsConsoleUrl -FederationUrl $script:Federation -Open -ErrorAction SilentlyContinue -ErrorVariable failure -WarningVariable warnings | Out-Null
            $thief.WaitForExit(30000) | Out-Null
            $deadline = [datetime]::UtcNow.AddSeconds(10)
            # The shell creates browser-status before curl has written the status into it: wait for the content.
            while (-not (Test-Path -LiteralPath "$record/browser-status" -PathType Leaf) -or -not (Get-Content -LiteralPath "$record/browser-status" -Raw)) {
                if ([datetime]::UtcNow -ge $deadline) { break }
                Start-Sleep -Milliseconds 50
            }

            Get-Content -LiteralPath "$record/stolen" -Raw | Should -Match "^303 $([regex]::Escape($script:Federation))" -Because 'the attacker came first (the same user can always do that)'
            $failure[0].FullyQualifiedErrorId | Should -BeLike 'ConsoleSignInPageInterference,*'
            $failure[0].Exception.Message | Should -Match 'fetched twice'
            "$warnings" | Should -Match 'Another process on this computer'
            Get-Content -LiteralPath "$record/browser-status" -Raw | Should -Be '403'
        } finally {
            if (-not $thief.HasExited) { $thief.Kill() }
            Remove-Item Env:BROWSER
            Remove-Item -LiteralPath $record -Recurse -ErrorAction SilentlyContinue
        }
    } -Skip:(-not $IsLinux)

    It 'reports a browser that cannot be started' {
        $env:BROWSER = Join-Path ([System.IO.Path]::GetTempPath()) 'casaws-no-such-browser'
        try {
            $script:Role | Get-CasAwsConsoleUrl -FederationUrl $script:Federation -Open -ErrorAction SilentlyContinue -ErrorVariable failure
        } finally {
            Remove-Item Env:BROWSER
        }
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'BrowserOpenFailed,*'
        $failure[0].Exception.Message | Should -Match 'without -Open'
    }

    It 'refuses URLs that are not https' {
        $script:Role | Get-CasAwsConsoleUrl -Destination 'http://console.example.org/' -FederationUrl $script:Federation -ErrorAction SilentlyContinue -ErrorVariable failure

        $failure[0].FullyQualifiedErrorId | Should -BeLike 'ConsoleUrlInvalid,*'
    }

    It 'never writes the URL, the token or the keys to verbose or debug output' {
        $streams = $script:Role | Get-CasAwsConsoleUrl -FederationUrl $script:Federation -Verbose -Debug 4>&1 5>&1
        $url = $streams | Where-Object { $_ -is [string] }
        $token = (Get-Query $url).SigninToken
        $text = ($streams | Where-Object { $_ -isnot [string] } | ForEach-Object { "$_" }) -join "`n"

        $text | Should -Not -BeNullOrEmpty
        $text | Should -Not -Match ([regex]::Escape($token))
        $text | Should -Not -Match ([regex]::Escape($script:Role.SecretKey))
        $text | Should -Not -Match ([regex]::Escape($script:Role.SessionToken))
    }
}

Describe 'Get-CasAwsConsoleUrl at a service, a region, a session length, after a logout, in a profile per role (issue 22)' {
    It 'lands on the S3 console in eu-west-1 after a federation request with SessionDuration=7200' {
        Reset-CasAwsEmulator -Emulator $script:Emulator
        $url = $script:Role | Get-CasAwsConsoleUrl -Service s3 -Region eu-west-1 -SessionDuration 02:00:00 -FederationUrl $script:Federation

        (Get-Query $url).Destination | Should -BeExactly 'https://eu-west-1.console.aws.amazon.com/s3/home?region=eu-west-1'
        # What the emulator received: the token request asked for a 7200 s console session.
        $tokenRequest = @(Get-CasAwsEmulatorRequest -Emulator $script:Emulator | Where-Object Action -EQ 'federation:getSigninToken')
        $tokenRequest.Count | Should -Be 1
        $tokenRequest[0].Outcome | Should -BeExactly 'signin token issued; console session 7200 s (SessionDuration)'
        # ...and the login it leads to starts a console session of that length, then lands on S3 in Ireland.
        $answer = Invoke-WebRequest -Uri $url -MaximumRedirection 0 -SkipHttpErrorCheck -ErrorAction SilentlyContinue
        $answer.StatusCode | Should -Be 302
        $answer.Headers.Location | Should -Be 'https://eu-west-1.console.aws.amazon.com/s3/home?region=eu-west-1'
        "$($answer.Headers['Set-Cookie'])" | Should -Match 'Max-Age=7200;'
    }

    It 'moves a -Destination to -Region, and a copied multi-session host back to the plain regional host' {
        $url = $script:Role | Get-CasAwsConsoleUrl 'https://000000000000-aaaaaaaa.us-east-1.console.aws.amazon.com/ec2/home?region=us-east-1#Instances:' -Region ap-southeast-2 -FederationUrl $script:Federation

        (Get-Query $url).Destination | Should -BeExactly 'https://ap-southeast-2.console.aws.amazon.com/ec2/home?region=ap-southeast-2#Instances:'
    }

    It 'refuses a session length, a service or a region AWS would not take before any call' -TestCases @(
        @{ Arguments = @{ SessionDuration = '00:10:00' }; Id = 'ConsoleSessionDurationInvalid'; Says = '15 minutes to 12 hours' }
        @{ Arguments = @{ SessionDuration = 43201 }; Id = 'ConsoleSessionDurationInvalid'; Says = '43200' }
        @{ Arguments = @{ Service = 'nosuchservice' }; Id = 'ConsoleServiceUnknown'; Says = 'known: .*s3' }
        @{ Arguments = @{ Service = 's3'; Region = 'Europe' }; Id = 'ConsoleRegionInvalid'; Says = 'not an AWS region' }
    ) {
        param($Arguments, $Id, $Says)
        Reset-CasAwsEmulator -Emulator $script:Emulator
        { $script:Role | Get-CasAwsConsoleUrl @Arguments -FederationUrl $script:Federation -ErrorAction Stop } | Should -Throw -ErrorId "$Id,*" -ExpectedMessage "*"
        try { $script:Role | Get-CasAwsConsoleUrl @Arguments -FederationUrl $script:Federation -ErrorAction Stop } catch { $_.Exception.Message | Should -Match $Says }
        @(Get-CasAwsEmulatorRequest -Emulator $script:Emulator).Count | Should -Be 0 -Because 'nothing is sent before the parameters are checked'
    }

    It '-LogoutFirst goes through the console logout, which ends the session and follows on to the sign-in' {
        $session = [Microsoft.PowerShell.Commands.WebRequestSession]::new()
        $first = $script:Role | Get-CasAwsConsoleUrl -Service iam -FederationUrl $script:Federation
        (Invoke-WebRequest -Uri $first -WebSession $session -MaximumRedirection 0 -SkipHttpErrorCheck -ErrorAction SilentlyContinue).StatusCode | Should -Be 302
        Reset-CasAwsEmulator -Emulator $script:Emulator

        $chained = $script:Role | Get-CasAwsConsoleUrl -Service s3 -Region eu-west-1 -LogoutFirst -FederationUrl $script:Federation
        $chained | Should -BeLike "$(([uri] $script:Federation).GetLeftPart('Authority'))/oauth?Action=logout&redirect_uri=*"
        $login = (Get-Query $chained).redirect_uri
        $login | Should -BeLike "$($script:Federation)?Action=login&*"
        (Get-Query $login).Destination | Should -BeExactly 'https://eu-west-1.console.aws.amazon.com/s3/home?region=eu-west-1'

        $logout = Invoke-WebRequest -Uri $chained -WebSession $session -MaximumRedirection 0 -SkipHttpErrorCheck -ErrorAction SilentlyContinue
        $logout.StatusCode | Should -Be 302
        $logout.Headers.Location | Should -BeExactly $login
        $signIn = Invoke-WebRequest -Uri $logout.Headers.Location[0] -WebSession $session -MaximumRedirection 0 -SkipHttpErrorCheck -ErrorAction SilentlyContinue
        $signIn.Headers.Location | Should -Be 'https://eu-west-1.console.aws.amazon.com/s3/home?region=eu-west-1'
        $outcomes = @(Get-CasAwsEmulatorRequest -Emulator $script:Emulator | ForEach-Object Outcome)
        $outcomes | Should -Contain 'console session ended' -Because 'the earlier console session of this browser was ended before the sign-in'
    }

    It 'opens one console per piped role, each in its own Chromium profile, through one-time pages only' {
        $record = New-BrowserRecord
        # A stand-in Chromium: records its arguments and every process's command line, then fetches the page (its last argument).
        $browser = Join-Path $record 'chromium'
        Set-ShellScript $browser @(
            '#!/bin/sh'
            'for a; do last="$a"; done'
            'n=$(date +%s%N)'
            "printf '%s\n' `"`$@`" > '$record/arguments-'`$n"
            "ps -eo args > '$record/processes-'`$n"
            "curl -s -o /dev/null -w '%{redirect_url}' `"`$last`" > '$record/location-'`$n"
        )
        $savedConfig = $env:CASAWS_CONFIG_DIR
        $env:CASAWS_CONFIG_DIR = Join-Path $record 'config'
        try {
            $chained = $script:Role | Get-CasAwsChainedCredential arn:aws:iam::123456789012:role/ChainTarget
            $urls = $script:Role, $chained | Get-CasAwsConsoleUrl -Service s3 -FederationUrl $script:Federation -Open -PassThru -Browser $browser -BrowserProfile '{AccountId}-{RoleName}'

            $urls.Count | Should -Be 2
            $calls = @(Get-ChildItem -LiteralPath $record -Filter 'arguments-*' | Sort-Object Name | ForEach-Object { , @(Get-Content -LiteralPath $_.FullName) })
            $calls.Count | Should -Be 2
            $profiles = foreach ($call in $calls) {
                $call[-1] | Should -Match '^http://127\.0\.0\.1:\d+/[A-Za-z0-9_-]{43}$'
                $call | Should -Contain '--no-first-run'
                ($call | Where-Object { $_ -like '--user-data-dir=*' }) -replace '^--user-data-dir='
            }
            $profiles | Should -Be @(
                (Join-Path $env:CASAWS_CONFIG_DIR 'browser-profiles/123456789012-CasDeveloper'),
                (Join-Path $env:CASAWS_CONFIG_DIR 'browser-profiles/123456789012-ChainTarget'))
            foreach ($folder in $profiles) { Test-Path -LiteralPath $folder -PathType Container | Should -BeTrue }
            $locations = Get-ChildItem -LiteralPath $record -Filter 'location-*' | Sort-Object Name | ForEach-Object { Get-Content -LiteralPath $_.FullName -Raw }
            $locations | Should -Be $urls -Because 'each browser was sent on to its own role''s sign-in URL'
            $everything = (Get-ChildItem -LiteralPath $record -File | Where-Object Name -Match '^(arguments|processes)-' | Get-Content -Raw) -join "`n"
            foreach ($url in $urls) { $everything | Should -Not -Match ([regex]::Escape((Get-Query $url).SigninToken)) }
        } finally {
            $env:CASAWS_CONFIG_DIR = $savedConfig
            Remove-Item -LiteralPath $record -Recurse -Force -ErrorAction SilentlyContinue
        }
    } -Skip:($IsWindows)

    It '-BrowserProfile without a browser command says what to give' {
        Remove-Item Env:BROWSER -ErrorAction SilentlyContinue
        $script:Role | Get-CasAwsConsoleUrl -FederationUrl $script:Federation -Open -BrowserProfile research -ErrorAction SilentlyContinue -ErrorVariable failure

        $failure[0].FullyQualifiedErrorId | Should -BeLike 'BrowserOpenFailed,*'
        $failure[0].Exception.Message | Should -Match '-Browser'
    }
}
