# CAS MFA providers through the built module against the emulator (issue 10): each provider's field,
# its failure, the non-interactive error before any CAS call, the service trigger, a second Duo
# provider, codes used once, and no code or password in any stream, transcript or file.
BeforeAll {
    Import-Module (Join-Path $env:CASAWS_REPO_ROOT 'tests/Pester/TestSupport/Emulator.psm1') -Force
    Import-Module (Join-Path $env:CASAWS_REPO_ROOT 'artifacts/CasAws/CasAws.psd1') -Force
    $script:Emu = Start-CasAwsEmulator
    $script:Cas = $Emu.CasBaseHttp
    $script:Sample = Get-CasAwsEmulatorSampleConfig
    function script:Cred([string] $User) { [pscredential]::new($User, (ConvertTo-SecureString "$User-pw" -AsPlainText -Force)) }
    function script:CasCalls { @(Get-CasAwsEmulatorRequest -Emulator $Emu | ForEach-Object { $_ } | Where-Object Path -Like '*awsSts*').Count }
    function script:Errors { @($input | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }) }
    function script:LastCasRequest { (Get-CasAwsEmulatorRequest -Emulator $Emu | ForEach-Object { $_ } | Where-Object Path -Like '*awsSts*')[-1] }
    function script:GauthCode([string] $User, [long] $Device) {
        $secret = (($Sample.users | Where-Object username -EQ $User).googleAuthenticator | Where-Object id -EQ $Device).secret
        Get-TotpCode -Secret $secret -Time (Get-CasAwsEmulatorTime $Emu)
    }
    # Everything any stream, error or transcript showed, to search for secrets at the end.
    $script:Seen = [System.Collections.Generic.List[string]]::new()
    $script:Codes = [System.Collections.Generic.List[string]]::new()
    # Runs a command with verbose and debug output on, keeps the text of every record, and returns the records
    # (errors included, as ErrorRecords).
    function script:Run([scriptblock] $Command) {
        $VerbosePreference = 'Continue'; $DebugPreference = 'Continue'; $ErrorActionPreference = 'Continue'
        $records = @(& $Command *>&1)
        foreach ($record in $records) {
            if ($record -is [System.Management.Automation.ErrorRecord]) { $Seen.Add("$record $($record.Exception) $($record.FullyQualifiedErrorId)") }
            else { $Seen.Add(($record | Out-String)); $Seen.Add("$record") }
        }
        $records
    }
    $script:Transcript = Join-Path ([System.IO.Path]::GetTempPath()) "casaws-mfa-$([guid]::NewGuid().ToString('N')).txt"
    Start-Transcript -LiteralPath $Transcript | Out-Null
}

AfterAll {
    Stop-Transcript | Out-Null
    Remove-Item -LiteralPath $Transcript -ErrorAction SilentlyContinue
    Disconnect-CasAws
    Stop-CasAwsEmulator $script:Emu
}

Describe 'CAS MFA providers' {
    It 'offers the four providers to tab completion' {
        $completion = TabExpansion2 -inputScript 'Connect-CasAws -MfaProvider ' -cursorColumn 'Connect-CasAws -MfaProvider '.Length
        @($completion.CompletionMatches.CompletionText) | Should -Be @('Duo', 'GoogleAuthenticator', 'Simple', 'YubiKey')
    }

    It 'computes TOTP in the test itself (RFC 6238 vectors) and agrees with the emulated device' {
        $rfc = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'   # "12345678901234567890"
        Get-TotpCode -Secret $rfc -Time ([datetimeoffset]::FromUnixTimeSeconds(59)) | Should -Be '287082'
        Get-TotpCode -Secret $rfc -Time ([datetimeoffset]::FromUnixTimeSeconds(1111111109)) | Should -Be '081804'
        # Read around the control call, so a 30-second step boundary in between cannot fail the test.
        $before = GauthCode grace 1
        $fromEmulator = Get-CasAwsEmulatorMfaCode -Emulator $Emu -User grace -Device 1
        $fromEmulator | Should -BeIn @($before, (GauthCode grace 1))
    }

    It 'sends a Google Authenticator code in gauthotp and the device in gauthacct, once' {
        $code = GauthCode grace 2; $Codes.Add($code)
        $session = Run { Connect-CasAws -Server $Cas -Credential (Cred grace) -MfaProvider GoogleAuthenticator -MfaAccount 2 -Passcode $code } |
            Where-Object { $_ -is [CasAws.Session.CasAwsSession] }
        $session.MfaProvider | Should -Be 'GoogleAuthenticator'
        (LastCasRequest).Outcome | Should -BeLike 'mfa-gauth code accepted*'

        # The session's next CAS call needs a new code: without one a non-interactive host fails before calling CAS.
        $before = CasCalls
        $failure = Run { Get-CasAwsCredential -Force } | Errors
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'MfaPasscodeRequired,*'
        $failure[0].Exception.Message | Should -BeLike '*Google Authenticator*-Passcode*'
        CasCalls | Should -Be $before
    }

    It 'hints at -MfaAccount when a Google Authenticator code without a device id is refused, and not once a device is named' {
        # grace has two devices: CAS cannot tell which one a code is from when gauthacct is left out.
        $code = GauthCode grace 1; $Codes.Add($code)
        $failure = Run { Get-CasAwsCredential -Server $Cas -Credential (Cred grace) -MfaProvider GoogleAuthenticator -Passcode $code } | Errors
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'CasAuthenticationFailed,*'
        $failure[0].Exception.Message | Should -BeLike '*more than one Google Authenticator device*-MfaAccount <id>*'
        (LastCasRequest).Outcome | Should -Not -BeLike '*accepted*'

        $failure = Run { Get-CasAwsCredential -Server $Cas -Credential (Cred grace) -MfaProvider GoogleAuthenticator -MfaAccount 1 -Passcode 000000 } | Errors
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'CasAuthenticationFailed,*'
        $failure[0].Exception.Message | Should -Not -BeLike '*-MfaAccount*'
    }

    It 'fails before any CAS call when a code-needing provider has no -Passcode and nobody can be asked' -TestCases @(
        @{ Provider = 'GoogleAuthenticator'; User = 'grace'; Name = 'Google Authenticator' }
        @{ Provider = 'YubiKey'; User = 'yuki'; Name = 'YubiKey' }
        @{ Provider = 'Simple'; User = 'sam'; Name = 'CAS Simple MFA' }
    ) {
        $before = CasCalls
        $failure = Run { Get-CasAwsCredential -Server $Cas -Credential (Cred $User) -MfaProvider $Provider } | Errors
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'MfaPasscodeRequired,*'
        $failure[0].Exception.Message | Should -BeLike "*$Name*-Passcode*"
        CasCalls | Should -Be $before
    }

    It 'sends a YubiKey OTP in yubikeyotp; the same OTP again fails and says each code works once' {
        $otp = New-CasAwsEmulatorYubiKeyOtp -Emulator $Emu -User yuki; $Codes.Add($otp)
        $credential = Run { Get-CasAwsCredential -Server $Cas -Credential (Cred yuki) -MfaProvider YubiKey -Passcode $otp } |
            Where-Object { $_ -is [CasAws.Credentials.CasAwsCredential] }
        $credential.AccessKey | Should -Match '^ASIA'
        (LastCasRequest).Outcome | Should -BeLike 'mfa-yubikey code accepted*'

        $failure = Run { Get-CasAwsCredential -Server $Cas -Credential (Cred yuki) -MfaProvider YubiKey -Passcode $otp } | Errors
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'CasAuthenticationFailed,*'
        $failure[0].Exception.Message | Should -BeLike '*YubiKey code was wrong, expired or already used*'
    }

    It 'sends a CAS Simple MFA token in sotp' {
        $token = New-CasAwsEmulatorSimpleToken -Emulator $Emu -User sam -Server cas; $Codes.Add($token)
        $session = Run { Connect-CasAws -Server $Cas -Credential (Cred sam) -MfaProvider Simple -Passcode $token } | Where-Object { $_ -is [CasAws.Session.CasAwsSession] }
        $session.MfaProvider | Should -Be 'Simple'
        (LastCasRequest).Outcome | Should -BeLike 'mfa-simple code accepted*'
    }

    It 'names a second Duo provider with -DuoProviderId' {
        $failure = Run { Get-CasAwsCredential -Server $Cas -Credential (Cred heidi) -Passcode 717171 } | Errors
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'CasAuthenticationFailed,*'

        $credential = Run { Get-CasAwsCredential -Server $Cas -Credential (Cred heidi) -DuoProviderId mfa-duo-admins -Passcode 727272 } |
            Where-Object { $_ -is [CasAws.Credentials.CasAwsCredential] }
        $credential.AccessKey | Should -Match '^ASIA'
    }

    It 'sends -Service so a per-application MFA policy applies, and says a code may be missing when none was sent' {
        (Run { Get-CasAwsCredential -Server $Cas -Credential (Cred ivan) } | Where-Object { $_ -is [CasAws.Credentials.CasAwsCredential] }).AccessKey | Should -Match '^ASIA'

        $failure = Run { Get-CasAwsCredential -Server $Cas -Credential (Cred ivan) -Service https://secure.example.org/aws } | Errors
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'CasAuthenticationFailed,*'
        $failure[0].Exception.Message | Should -BeLike '*may require an MFA code*-MfaProvider*-Passcode*'

        $secret = ($Sample.users | Where-Object username -EQ ivan).googleAuthenticator[0].secret
        $code = Get-TotpCode -Secret $secret -Time (Get-CasAwsEmulatorTime $Emu); $Codes.Add($code)
        $credential = Run { Get-CasAwsCredential -Server $Cas -Credential (Cred ivan) -Service https://secure.example.org/aws -MfaProvider GoogleAuthenticator -Passcode $code } |
            Where-Object { $_ -is [CasAws.Credentials.CasAwsCredential] }
        $credential.AccessKey | Should -Match '^ASIA'
    }

    It 'asks an interactive terminal for the code, masked and naming the provider' -Skip:(-not (Get-Command tmux -ErrorAction SilentlyContinue)) {
        # A real pseudo-terminal: pwsh in a private tmux server, the "user" typing into it with send-keys.
        $socket = "casaws-mfa-$PID"
        $scriptFile = Join-Path $env:CASAWS_CONFIG_DIR 'prompt.ps1'
        Set-Content -LiteralPath $scriptFile -Value @"
Import-Module '$(Join-Path $env:CASAWS_REPO_ROOT 'artifacts/CasAws/CasAws.psd1')'
`$cred = [pscredential]::new('grace', (ConvertTo-SecureString 'grace-pw' -AsPlainText -Force))
`$session = Connect-CasAws -Server '$Cas' -Credential `$cred -MfaProvider GoogleAuthenticator -MfaAccount 1 -WarningAction SilentlyContinue
'RESULT:' + `$session.MfaProvider
Start-Sleep -Seconds 60
"@
        function Get-Screen { (& tmux -L $socket capture-pane -p -t casaws 2>$null) -join "`n" }
        function Wait-Screen([string] $Pattern) {
            $watch = [System.Diagnostics.Stopwatch]::StartNew()
            while ((Get-Screen) -notlike $Pattern -and $watch.Elapsed.TotalSeconds -lt 180) { Start-Sleep -Milliseconds 200 }
            Get-Screen
        }
        try {
            & tmux -L $socket new-session -d -s casaws -x 200 -y 50 "dotnet pwsh -NoProfile -File '$scriptFile'"
            Wait-Screen '*Google Authenticator code for*' | Should -BeLike "*Google Authenticator code for $Cas*"
            $code = GauthCode grace 1; $Codes.Add($code)
            & tmux -L $socket send-keys -t casaws -l $code
            & tmux -L $socket send-keys -t casaws Enter
            $screen = Wait-Screen '*RESULT:*'
            $screen | Should -BeLike '*RESULT:GoogleAuthenticator*'
            $screen | Should -Not -BeLike "*$code*"
            $Seen.Add($screen)
        } finally {
            & tmux -L $socket kill-server 2>$null
            Remove-Item -LiteralPath $scriptFile -ErrorAction SilentlyContinue
        }
    }

    It 'never shows a code or a password in any stream, error, transcript or file' {
        $Codes.Count | Should -BeGreaterOrEqual 4
        # The files CasAws writes: saved connections and the private cache.
        $cache = if ($env:CASAWS_CACHE_DIR) { $env:CASAWS_CACHE_DIR } else { Join-Path $HOME '.cache/casaws' }
        $files = @(Get-ChildItem -LiteralPath $env:CASAWS_CONFIG_DIR, $cache -File -Recurse -ErrorAction SilentlyContinue)
        $texts = @($Seen) + @($files | ForEach-Object { Get-Content -LiteralPath $_.FullName -Raw -ErrorAction SilentlyContinue })
        $transcriptText = Get-Content -LiteralPath $Transcript -Raw
        foreach ($secret in @($Codes) + 'grace-pw', 'yuki-pw', 'sam-pw', 'heidi-pw', 'ivan-pw', '727272') {
            foreach ($text in $texts) { $text | Should -Not -BeLike "*$([WildcardPattern]::Escape($secret))*" }
            $transcriptText | Should -Not -BeLike "*$([WildcardPattern]::Escape($secret))*"
        }
        ($Seen -join "`n") | Should -BeLike '*passcode=(given)*'
    }
}
