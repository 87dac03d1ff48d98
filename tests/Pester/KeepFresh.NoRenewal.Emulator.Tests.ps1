# An endpoint whose credentials cannot be renewed says so in the host that owns it, with an error id, and
# then answers its callers a short error at once instead of a hang. Each case runs in a PowerShell of its
# own, because the notices are host warnings written from the renewal's thread (as a user sees them); the
# cases mostly wait for the renewal to come due, so their PowerShells start together (BeforeAll) and run
# side by side, each for its own user.
# Runs early: it waits for renewals to come due and for a retry that must not happen.
BeforeAll {
    Import-Module (Join-Path $env:CASAWS_REPO_ROOT 'tests/Pester/TestSupport/Emulator.psm1') -Force
    Import-Module (Join-Path $env:CASAWS_REPO_ROOT 'tests/Pester/TestSupport/CapturedProcess.psm1') -Force
    $script:Emu = Start-CasAwsEmulator

    # Starts $Script in a new PowerShell with the built module, the emulator's helpers and $Emu (the emulator) and
    # $Developer set; Wait-OwnerShell returns its standard output and error together.
    function script:Start-OwnerShell([string] $Script) {
        $prelude = @"
`$ErrorActionPreference = 'Stop'
`$PSStyle.OutputRendering = 'PlainText'
Import-Module '$(Join-Path $env:CASAWS_REPO_ROOT 'tests/Pester/TestSupport/Emulator.psm1')'
Import-Module '$(Join-Path $env:CASAWS_REPO_ROOT 'artifacts/CasAws/CasAws.psd1')'
`$Emu = `$env:CASAWS_TEST_EMULATOR | ConvertFrom-Json
`$Developer = 'arn:aws:iam::123456789012:role/CasDeveloper'
function Get-Answer([object] `$Server) {
    `$watch = [System.Diagnostics.Stopwatch]::StartNew()
    `$answer = Invoke-WebRequest -Uri `$Server.Url -Headers @{ Authorization = `$Server.GetAuthorizationToken() } -SkipHttpErrorCheck -NoProxy -TimeoutSec 10
    # the body of a 200 holds the keys: only its key id is shown
    `$body = if (`$answer.StatusCode -eq 200) { (`$answer.Content | ConvertFrom-Json).AccessKeyId } else { `$answer.Content }
    "answer: `$([int] `$answer.StatusCode) in `$([int] `$watch.ElapsedMilliseconds) ms: `$body"
}
"@
        $file = Join-Path $TestDrive ("owner-" + [guid]::NewGuid().ToString('N').Substring(0, 8) + '.ps1')
        Set-Content -LiteralPath $file -Value ($prelude + "`n" + $Script)
        $process = [Environment]::ProcessPath
        $start = [System.Diagnostics.ProcessStartInfo]::new($process)
        if ([System.IO.Path]::GetFileNameWithoutExtension($process) -eq 'dotnet') { $start.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }
        foreach ($argument in '-NoProfile', '-NonInteractive', '-File', $file) { $start.ArgumentList.Add($argument) }
        $start.Environment['CASAWS_TEST_EMULATOR'] = $script:Emu | Select-Object CasBaseHttps, CertificatePath, ControlUrl, ControlToken | ConvertTo-Json -Compress
        Start-CapturedProcess -StartInfo $start
    }
    function script:Wait-OwnerShell([object] $Started) {
        $run = Wait-CapturedProcess $Started -TimeoutSeconds 240
        $run.TimedOut | Should -BeFalse -Because ($run.StdOut + $run.StdErr)
        $run.StdOut + "`n" + $run.StdErr
    }

    # grace logs in with a Google Authenticator code: nobody can type the next one into a running endpoint.
    # Her keys come due 10 s after they are fetched; the renewal acts when they do, so 5 s later it has spoken.
    $script:NeedsPerson = Start-OwnerShell @'
$code = Get-CasAwsEmulatorMfaCode -Emulator $Emu -User grace -Device 1
$grace = [pscredential]::new('grace', (ConvertTo-SecureString 'grace-pw' -AsPlainText -Force))
Connect-CasAws -Server $Emu.CasBaseHttps -Credential $grace -MfaProvider GoogleAuthenticator -MfaAccount 1 -Passcode (ConvertTo-SecureString $code -AsPlainText -Force) -RoleArn $Developer -Duration 900 -CaBundlePath $Emu.CertificatePath | Out-Null
$server = Start-CasAwsCredentialServer -RoleArn $Developer -Duration 900 -RenewBefore 890 -Name grace -ErrorVariable started -ErrorAction SilentlyContinue
"started: $($started.FullyQualifiedErrorId) renews: $($server.Renews)"
$deadline = [datetime]::UtcNow.AddSeconds(90)
while ($server.TimeLeft -gt [timespan]::FromSeconds(890) -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 200 }
Start-Sleep -Seconds 5
Get-Answer $server
"renewals: $($server.Renewals)"
Stop-CasAwsCredentialServer -Name grace -Confirm:$false
'@

    # frank's pushes are answered only by the control API: the first two are approved, the renewal's (due
    # 10 s after the endpoint's keys) is denied. (The answer once the keys are used up, 503 at once with this
    # problem, is ContainerCredentialAnswerTests': CasAws corrects the emulator's moved clock, so keys cannot
    # be made to run out here in less than 15 minutes.)
    $script:PushDenied = Start-OwnerShell @'
$frank = [pscredential]::new('frank', (ConvertTo-SecureString 'frank-pw' -AsPlainText -Force))
$approve = Start-CasAwsPushAnswer -Emulator $Emu -User frank -Decision Approve
Connect-CasAws -Server $Emu.CasBaseHttps -Credential $frank -Name frank -CaBundlePath $Emu.CertificatePath -WarningAction SilentlyContinue | Out-Null
$approve | Wait-Job | Remove-Job
$approve = Start-CasAwsPushAnswer -Emulator $Emu -User frank -Decision Approve
$server = Start-CasAwsCredentialServer -RoleArn $Developer -Duration 900 -RenewBefore 890 -Name frank
$approve | Wait-Job | Remove-Job
$first = Get-Answer $server
$pushes = (Get-CasAwsEmulatorStat $Emu).pushes
$deny = Start-CasAwsPushAnswer -Emulator $Emu -User frank -Decision Deny -WaitSeconds 60
$deny | Wait-Job -Timeout 90 | Receive-Job | ForEach-Object { "decision: $($_.Decision)" }
$deadline = [datetime]::UtcNow.AddSeconds(30)
while (-not $server.Problem -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
"problem: $([bool] $server.Problem)"
$first
Get-Answer $server
Start-Sleep -Seconds 20   # a failed silent renewal is tried again after a sixtieth of the keys' time left (15 s here); a failed push is not
"more pushes: $((Get-CasAwsEmulatorStat $Emu).pushes - $pushes - 1)"
"renewals: $($server.Renewals)"
Stop-CasAwsCredentialServer -Name frank -Confirm:$false
'@
}

AfterAll {
    # a shell whose test did not run (a name filter) is not left running
    foreach ($shell in $script:NeedsPerson, $script:PushDenied) { if ($shell) { $null = Wait-CapturedProcess $shell -TimeoutSeconds 1 } }
    Stop-CasAwsEmulator $script:Emu
}

Describe 'An endpoint that cannot renew without a person' {
    It 'reports RenewalNeedsPerson when it starts and warns again before expiry, still serving the keys it has' {
        $output = Wait-OwnerShell $script:NeedsPerson
        $output | Should -Match '(?m)^started: RenewalNeedsPerson,' -Because $output
        $output | Should -Match 'renews: NeedsPerson' -Because $output
        $output | Should -Match '(?m)^WARNING: RenewalNeedsPerson: .*Google Authenticator code.* \d+ min left\.' -Because 'the renewal warns again when the keys are due, before they expire'
        $output | Should -Match '(?m)^answer: 200 ' -Because 'the keys it has are still good'
        $output | Should -Match '(?m)^renewals: 0$'
        $output | Should -Not -Match 'RenewalFailed' -Because 'nothing was tried that needs a person'
    }
}

Describe 'A renewal whose Duo push is denied' {
    It 'gives RenewalFailed at once, asks for no second push, and the endpoint goes on answering from memory' {
        $output = Wait-OwnerShell $script:PushDenied
        $output | Should -Match '(?m)^decision: deny$' -Because $output
        $output | Should -Match '(?m)^WARNING: Approve the Duo push to keep ''CasDeveloper'' going; 14 min left\.' -Because $output
        $output | Should -Match '(?m)^WARNING: RenewalFailed: Renewing ''CasDeveloper'' failed \(14 min left\): ' -Because $output
        $output | Should -Match '(?m)^problem: True$'
        $answers = [regex]::Matches($output, '(?m)^answer: (\d+) in (\d+) ms: (\S+)')
        $answers | Should -HaveCount 2 -Because $output
        $answers | ForEach-Object { $_.Groups[1].Value | Should -Be '200' -Because 'the keys it has are still good' }
        $answers[1].Groups[3].Value | Should -Be $answers[0].Groups[3].Value -Because 'the failed renewal left the keys as they were'
        [int] $answers[1].Groups[2].Value | Should -BeLessThan 2000 -Because 'the endpoint answers from memory, never waiting for a person'
        $output | Should -Match '(?m)^more pushes: 0$'
        $output | Should -Not -Match 'RenewalNeedsPerson' -Because 'after the denied push the renewal tries nothing more for these keys, so it has nothing more to say (a second try would find the password refused)'
        $output | Should -Match '(?m)^renewals: 0$'
    }
}
