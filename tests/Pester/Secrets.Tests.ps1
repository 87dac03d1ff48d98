# Secrets never leak (issue 3, section 8): every core cmdlet runs with -Verbose -Debug under a
# transcript, with successes and forced failures, and every stream, error record, exception text,
# ToString(), default view and the transcript file are searched for the password, the Duo passcode,
# the AWS MFA token, and each secret key and session token handed out.
# Runs early: it waits for Duo pushes and timeouts.
BeforeAll {
    Import-Module (Join-Path $env:CASAWS_REPO_ROOT 'tests/Pester/TestSupport/Emulator.psm1') -Force
    $script:modulePath = Join-Path $env:CASAWS_REPO_ROOT 'artifacts/CasAws/CasAws.psd1'
    Import-Module $modulePath -Force

    $script:password = 'Pw-S3kr1t=+/q&z'
    $script:passcode = '864209'
    $script:awsMfaToken = $null   # the AWS MFA device's current code (real TOTP), read just before it is sent
    $config = Get-CasAwsEmulatorSampleConfig
    $config.duo.pushTimeoutSeconds = 3
    $config.users += @{
        username   = 'secretive'
        password   = $password
        attributes = @{ awsroles = @('arn:aws:iam::123456789012:role/CasDeveloper', 'arn:aws:iam::123456789012:role/engineering/CasAdmin') }
        mfa        = @{ passcodes = @($passcode); push = 'approve'; pushAfterSeconds = 2 }
    }
    $config.users += @{
        username   = 'secretive-session'
        password   = $password
        attributes = @{ groupMembership = @('aws:x') }
    }
    $script:emu = Start-CasAwsEmulator -Config $config
    $script:Cas = $emu.CasBaseHttps
    $script:SessionCas = $emu.CasServers['cas-session'].CasBaseHttps
    $secure = ConvertTo-SecureString $password -AsPlainText -Force
    $script:cred = [pscredential]::new('secretive', $secure)
    $script:wrongCred = [pscredential]::new('secretive', (ConvertTo-SecureString ($password + 'X') -AsPlainText -Force))
    $script:sessionCred = [pscredential]::new('secretive-session', $secure)
    $script:pem = $emu.CertificatePath

    # Everything the user could see, as text.
    $script:seen = [System.Collections.Generic.List[string]]::new()
    # One assertion per secret over all of it (one per piece of text was thousands of assertions: 12 s).
    function script:Assert-NeverShown([string] $Secret) {
        $shownIn = @($script:seen | Where-Object { $_.IndexOf($Secret, [StringComparison]::OrdinalIgnoreCase) -ge 0 })
        $shownIn | Should -BeNullOrEmpty -Because 'no output, error, view or progress text may hold a secret'
        $script:transcriptText.IndexOf($Secret, [StringComparison]::OrdinalIgnoreCase) | Should -Be -1 -Because 'the transcript may not hold a secret'
    }
    $script:issued = [System.Collections.Generic.List[object]]::new()
    function Add-Seen($Item) {
        if ($null -eq $Item) { return }
        if ($Item.GetType().FullName -eq 'CasAws.Credentials.CasAwsCredential') {
            $script:issued.Add($Item)
            $script:seen.Add($Item.ToString()); $script:seen.Add(($Item | Out-String)); $script:seen.Add(($Item | Format-List | Out-String))
            return
        }
        if ($Item -is [System.Management.Automation.ErrorRecord]) {
            $script:seen.Add($Item.ToString())
            $script:seen.Add(($Item | Format-List * -Force | Out-String))
            $script:seen.Add(($Item.Exception | Format-List * -Force | Out-String))
            for ($e = $Item.Exception; $e; $e = $e.InnerException) { $script:seen.Add($e.ToString()); $script:seen.Add($e.Message) }
            $script:seen.Add("$($Item.TargetObject)"); $script:seen.Add("$($Item.ErrorDetails)"); $script:seen.Add("$($Item.CategoryInfo)")
            return
        }
        $script:seen.Add($Item.ToString())
        $script:seen.Add(($Item | Format-List * -Force | Out-String))
    }

    $common = @{ Verbose = $true; Debug = $true; CaBundlePath = $pem }
    $transcript = Join-Path ([System.IO.Path]::GetTempPath()) "casaws-secrets-$PID.txt"
    $DebugPreference = 'Continue'
    Start-Transcript -LiteralPath $transcript | Out-Null
    try {
        $actions = @(
            { Connect-CasAws -Server $Cas -Credential $cred -Passcode $passcode @common }
            { Get-CasAwsRole -Verbose -Debug }
            { Get-CasAwsRole -Refresh -Verbose -Debug }                                      # push, approved after 2 s
            { Get-CasAwsCredential -RoleArn CasAdmin -Verbose -Debug }
            { Get-CasAwsCredential -RoleArn CasAdmin -Verbose -Debug }                       # from the cache
            { Get-CasAwsCredential -RoleArn arn:aws:iam::123456789012:role/CasDeveloper -Duration 02:00:00 -Force -Verbose -Debug }
            { Get-CasAwsCredential -Verbose -Debug -ErrorAction Stop }                      # several roles, no prompt
            { Get-CasAwsCredential -RoleArn arn:aws:iam::123456789012:role/Nope -Verbose -Debug -ErrorAction Stop }
            { Get-CasAwsCredential -RoleArn CasDeveloper -Duration 05:00:00 -Verbose -Debug -ErrorAction Stop }   # STS refuses: 500
            { Get-CasAwsCredential -RoleArn CasDeveloper -Duration 00:05:00 -Verbose -Debug -ErrorAction Stop }   # refused here
            { $script:awsMfaToken = Get-CasAwsEmulatorMfaCode -Emulator $emu -SerialNumber arn:aws:iam::123456789012:mfa/cas-server
              Get-CasAwsCredential -Server $SessionCas -Credential $sessionCred -Token $awsMfaToken -SerialNumber arn:aws:iam::123456789012:mfa/cas-server @common }
            { Get-CasAwsCredential -Server $SessionCas -Credential $sessionCred -Token '000000' -SerialNumber arn:aws:iam::123456789012:mfa/cas-server @common -ErrorAction Stop }
            { Connect-CasAws -Server $Cas -Credential $wrongCred -Passcode $passcode @common }                    # wrong password
            { Connect-CasAws -Server $Cas -Credential $cred -Passcode $passcode @common }                          # passcode already used
            { Connect-CasAws -Server $Cas -Credential $cred -EndpointPath nothing/here @common }                   # 404
            { Connect-CasAws -Server $Cas -Credential $cred -TimeoutSec 1 @common }                                # push pending: timeout
            { Connect-CasAws -Server $Cas -Credential $cred -Verbose -Debug }                                      # untrusted certificate
            { Connect-CasAws -Server $Cas -Credential $cred -SkipCertificateCheck -Verbose -Debug }                # push approved
            { Disconnect-CasAws -Verbose -Debug }
        )
        foreach ($action in $actions) {
            try {
                foreach ($record in (& $action *>&1)) { Add-Seen $record; $record | Out-Host }
            } catch {
                Add-Seen $_; $_ | Out-Host
            }
        }
        foreach ($record in $Error) { Add-Seen $record }
    } finally {
        Stop-Transcript | Out-Null
        $DebugPreference = 'SilentlyContinue'
    }
    $script:transcriptText = Get-Content -LiteralPath $transcript -Raw
    Remove-Item -LiteralPath $transcript

    # Progress records, from a run in its own PowerShell instance (they cannot be redirected).
    $ps = [powershell]::Create()
    try {
        $null = $ps.AddScript({
            param($Module, $Server, $Pem, $Credential)
            Import-Module $Module
            Connect-CasAws -Server $Server -CaBundlePath $Pem -Credential $Credential -Verbose
            Get-CasAwsCredential -RoleArn CasAdmin -Force
        }).AddArgument($modulePath).AddArgument($Cas).AddArgument($pem).AddArgument($cred)
        foreach ($item in $ps.Invoke()) { Add-Seen $item }
        $script:progress = @($ps.Streams.Progress)
        foreach ($record in $progress) { $script:seen.Add("$($record.Activity) $($record.StatusDescription) $($record.CurrentOperation)") }
        foreach ($record in $ps.Streams.Verbose) { $script:seen.Add($record.Message) }
    } finally { $ps.Dispose() }
}

AfterAll {
    Disconnect-CasAws
    Stop-CasAwsEmulator $script:emu
}

Describe 'Secrets in output, errors, transcript and progress' {
    It 'ran the cmdlets and saw their successes, failures, verbose and debug output' {
        $issued.Count | Should -BeGreaterOrEqual 4
        $all = $seen -join "`n"
        foreach ($id in 'RoleArnRequired', 'CasRoleNotAllowed', 'CasServerError', 'DurationOutOfRange', 'CasAuthenticationFailed', 'CasEndpointUnavailable', 'CasTimeout', 'CasCertificateUntrusted') {
            $all | Should -BeLike "*$id*"
        }
        $all | Should -BeLike '*Credential request for secretive*passcode=*'
        $transcriptText | Should -BeLike '*Asking CAS at*'                   # verbose
        $transcriptText | Should -BeLike '*Credential request for secretive*' # debug
        $transcriptText | Should -BeLike "*answered 'Authentication failed'*"
        $progress.Count | Should -BeGreaterThan 0
    }

    It 'never shows the password, passcode or AWS MFA token' {
        foreach ($secret in $password, [uri]::EscapeDataString($password), $passcode, $awsMfaToken) { Assert-NeverShown $secret }
    }

    It 'never shows a secret key or session token outside the credential object' {
        foreach ($credential in $issued) {
            foreach ($secret in $credential.SecretKey, $credential.SessionToken) { Assert-NeverShown $secret }
        }
    }
}
