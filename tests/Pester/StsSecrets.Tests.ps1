# Secrets never leak from the STS features (issue 5 with issue 3's rule): caller identity, role chaining
# and console sign-in run with -Verbose -Debug under a transcript, succeeding and failing, and every
# stream, error record, exception chain and the transcript are searched for the CAS password, the AWS MFA
# code, and every secret key and session token involved.
BeforeAll {
    Import-Module (Join-Path $env:CASAWS_REPO_ROOT 'tests/Pester/TestSupport/Emulator.psm1') -Force
    Import-Module (Join-Path $env:CASAWS_REPO_ROOT 'artifacts/CasAws/CasAws.psd1') -Force
    $script:Emulator = Start-CasAwsEmulator
    $env:AWS_ENDPOINT_URL_STS = $script:Emulator.StsUrlHttp
    $federation = $script:Emulator.FederationUrlHttp
    $password = 'Mellon'
    $casUser = [pscredential]::new('casuser', (ConvertTo-SecureString $password -AsPlainText -Force))
    $user = (Get-CasAwsEmulatorSampleConfig).sts.iamUsers | Where-Object userName -EQ 'cli/cli-user'
    $cliUser = [CasAws.Credentials.CasAwsCredential]::new($user.accessKeyId, $user.secretAccessKey, '', [datetime]::UtcNow.AddHours(1))
    # The AWS MFA device's current code (real TOTP), read just before it is used.
    $script:mfaCode = $null
    $role = Get-CasAwsCredential -Server $script:Emulator.CasServers['cas'].CasBaseHttp -Credential $casUser -WarningAction SilentlyContinue
    $sessionToken = Get-CasAwsCredential -Server $script:Emulator.CasServers['cas-session'].CasBaseHttp -Credential $casUser -WarningAction SilentlyContinue
    $chainTarget = 'arn:aws:iam::123456789012:role/ChainTarget'

    $script:Secrets = [System.Collections.Generic.List[string]]::new()
    foreach ($secret in $password, '975310', $user.secretAccessKey, $role.SecretKey, $role.SessionToken, $sessionToken.SecretKey, $sessionToken.SessionToken) {
        $script:Secrets.Add($secret)
    }
    $script:Seen = [System.Collections.Generic.List[string]]::new()
    $script:SigninTokens = [System.Collections.Generic.List[string]]::new()
    function Add-Seen($Item) {
        if ($null -eq $Item) { return }
        if ($Item -is [CasAws.Credentials.CasAwsCredential]) {
            # Keys handed out are meant to be in the object; they must not show anywhere else.
            $script:Secrets.Add($Item.SecretKey); $script:Secrets.Add($Item.SessionToken)
            $script:Seen.Add($Item.ToString()); $script:Seen.Add(($Item | Out-String))
            return
        }
        if ($Item -is [string] -and $Item -like '*Action=login*') {
            # The console URL is the output meant to hold the sign-in token; the token must not show elsewhere.
            $script:SigninTokens.Add([uri]::UnescapeDataString(($Item -split 'SigninToken=')[1]))
            return
        }
        if ($Item -is [System.Management.Automation.ErrorRecord]) {
            $script:Seen.Add(($Item | Format-List * -Force | Out-String))
            for ($e = $Item.Exception; $e; $e = $e.InnerException) { $script:Seen.Add($e.ToString()); $script:Seen.Add(($e | Format-List * -Force | Out-String)) }
            $script:Seen.Add("$($Item.TargetObject)")
            return
        }
        $script:Seen.Add(($Item | Format-List * -Force | Out-String))
    }

    $transcript = Join-Path ([System.IO.Path]::GetTempPath()) "casaws-sts-secrets-$PID.txt"
    $DebugPreference = 'Continue'
    Start-Transcript -LiteralPath $transcript | Out-Null
    try {
        $common = @{ Verbose = $true; Debug = $true }
        $actions = @(
            { $role, $sessionToken, $cliUser | Get-CasAwsCallerIdentity @common }
            { $role | Get-CasAwsChainedCredential $chainTarget @common }
            { $script:mfaCode = Get-TotpCode -Secret $user.mfaSecret -Time (Get-CasAwsEmulatorTime $script:Emulator); $script:Secrets.Add($script:mfaCode)
              $cliUser | Get-CasAwsChainedCredential arn:aws:iam::123456789012:role/MfaRequired -SerialNumber $user.mfaSerialNumber -TokenCode $script:mfaCode @common }
            { $cliUser | Get-CasAwsChainedCredential arn:aws:iam::123456789012:role/MfaRequired -SerialNumber $user.mfaSerialNumber -TokenCode 975310 @common }
            { $role | Get-CasAwsChainedCredential $chainTarget -Duration 02:00:00 @common }
            { $role | Get-CasAwsChainedCredential arn:aws:iam::123456789012:role/ExternalPartner @common }
            { $role | Get-CasAwsConsoleUrl -FederationUrl $federation @common }
            { $sessionToken | Get-CasAwsConsoleUrl -FederationUrl $federation @common }
            { Get-CasAwsCallerIdentity -AwsCredential $role -EndpointUrl 'http://127.0.0.1:9/' -TimeoutSec 2 @common }
            { Get-CasAwsCredential -Server $script:Emulator.CasServers['cas'].CasBaseHttp -Credential $casUser -ResolveIdentity -Force @common }
            {
                Move-CasAwsEmulatorClock -Emulator $script:Emulator -Seconds 7200
                try {
                    $role | Get-CasAwsCallerIdentity @common
                    $role | Get-CasAwsConsoleUrl -FederationUrl $federation @common
                } finally { Reset-CasAwsEmulator -Emulator $script:Emulator }
            }
        )
        foreach ($action in $actions) {
            try {
                foreach ($record in (& $action *>&1)) { Add-Seen $record }
            } catch {
                Add-Seen $_
            }
        }
    } finally {
        Stop-Transcript | Out-Null
        $DebugPreference = 'SilentlyContinue'
    }
    $script:Seen.Add((Get-Content -LiteralPath $transcript -Raw))
    Remove-Item -LiteralPath $transcript
    $script:Text = $script:Seen -join "`n"
}

AfterAll {
    Remove-Item Env:AWS_ENDPOINT_URL_STS -ErrorAction SilentlyContinue
    if ($script:Emulator) { Stop-CasAwsEmulator $script:Emulator }
}

Describe 'Secrets and the STS features' {
    It 'saw verbose text, errors and sign-in URLs to search' {
        $script:Text | Should -Match 'STS endpoint'
        $script:Text | Should -Match 'RoleChainingDurationExceeded'
        $script:Text | Should -Match 'ConsoleNeedsRoleCredentials'
        $script:Text | Should -Match 'StsExpiredToken'
        $script:SigninTokens.Count | Should -BeGreaterOrEqual 1
    }

    It 'never shows a password, MFA code, secret key or session token outside the credential object' {
        foreach ($secret in $script:Secrets | Where-Object { $_ } | Sort-Object -Unique) {
            $at = $script:Text.IndexOf($secret)
            $context = if ($at -ge 0) { $script:Text.Substring([Math]::Max(0, $at - 60), [Math]::Min(120, $script:Text.Length - [Math]::Max(0, $at - 60))) -replace [regex]::Escape($secret), '<SECRET>' } else { '' }
            $at | Should -Be -1 -Because "a secret of length $($secret.Length) must not appear (seen near: $context)"
        }
    }

    It 'never shows the console sign-in token outside the URL it outputs' {
        foreach ($token in $script:SigninTokens) {
            $script:Text.Contains($token) | Should -BeFalse
        }
    }
}
