# Get-CasAwsConsoleUrl: role credentials -> federation getSigninToken -> console login URL (issue 5).
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
        $record = Join-Path ([System.IO.Path]::GetTempPath()) ("casaws-browser-" + [guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory -Path $record | Out-Null
        $browser = Join-Path $record 'browser.sh'
        Set-Content -LiteralPath $browser -NoNewline -Value (@(
            '#!/bin/sh'
            "printf '%s' `"`$*`" > '$record/arguments'"
            "ps -eo args > '$record/processes'"
            "curl -s -o /dev/null -w '%{redirect_url}' `"`$1`" > '$record/location.part' && mv '$record/location.part' '$record/location'"
        ) -join "`n")
        & chmod +x $browser
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
        $record = Join-Path ([System.IO.Path]::GetTempPath()) ("casaws-browser-" + [guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory -Path $record | Out-Null
        $browser = Join-Path $record 'browser.sh'
        Set-Content -LiteralPath $browser -NoNewline -Value (@(
            '#!/bin/sh'
            "while [ ! -f '$record/stolen' ]; do sleep 0.05; done"
            "curl -s -o /dev/null -w '%{http_code}' `"`$1`" > '$record/browser-status'"
        ) -join "`n")
        $attacker = Join-Path $record 'attacker.sh'
        Set-Content -LiteralPath $attacker -NoNewline -Value (@(
            '#!/bin/sh'
            'for i in $(seq 1500); do'
            "  for f in /proc/[0-9]*/cmdline; do if grep -q -a '$record/browser.sh' `"`$f`" 2>/dev/null; then url=`$(tr '\000' '\n' < `"`$f`" | grep -a -o 'http://127.0.0.1:[0-9]*/[A-Za-z0-9_-]*' | head -1); fi; done"
            '  [ -n "$url" ] && break; sleep 0.02'
            'done'
            "curl -s -o /dev/null -w '%{http_code} %{redirect_url}' `"`$url`" > '$record/stolen.part'; mv '$record/stolen.part' '$record/stolen'"
        ) -join "`n")
        & chmod +x $browser $attacker
        $thief = Start-Process -FilePath $attacker -PassThru
        $env:BROWSER = $browser
        try {
            $script:Role | Get-CasAwsConsoleUrl -FederationUrl $script:Federation -Open -ErrorAction SilentlyContinue -ErrorVariable failure -WarningVariable warnings | Out-Null
            $thief.WaitForExit(30000) | Out-Null
            $deadline = [datetime]::UtcNow.AddSeconds(10)
            while (-not (Test-Path -LiteralPath "$record/browser-status") -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }

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
