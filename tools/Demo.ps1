<#
.SYNOPSIS
    The README's demo: a narrated CasAws session against the local CAS + Duo + STS emulator.
.DESCRIPTION
    Starts the emulator, then runs the module's cmdlets as a user would: Connect-CasAws with a Duo
    push (approved after a few seconds from the emulator's control endpoint, standing in for the
    phone, so the demo runs unattended), the role list, credentials for roles picked by pattern and
    by name, the cache, the errors a user meets, a runbook call, and Disconnect-CasAws.
#>
param(
    [Parameter(Mandatory)] [string] $Root,
    [Parameter(Mandatory)] [string] $EmulatorPath,
    [Parameter(Mandatory)] [string] $ModulePath
)
$ErrorActionPreference = 'Stop'
$supportModule = Join-Path $Root 'tests/Pester/TestSupport/Emulator.psm1'
Import-Module $supportModule -Force
Import-Module $ModulePath -Force

function Show-Step([string] $Text) { Write-Host "`n== $Text" -ForegroundColor Cyan }
function Show-Command([string] $Text) { Write-Host "PS> $Text" -ForegroundColor Yellow }
function Show-Note([string] $Text) { Write-Host $Text -ForegroundColor DarkGray }
function Show-Error($ErrorRecord) {
    Write-Host "$($ErrorRecord.FullyQualifiedErrorId.Split(',')[0]): " -ForegroundColor Red -NoNewline
    Write-Host $ErrorRecord.Exception.Message
}
function New-DemoCredential([string] $User, [string] $Password) {
    [pscredential]::new($User, (ConvertTo-SecureString $Password -AsPlainText -Force))
}
function Get-CasCallCount([object] $Emulator) {
    @(Get-CasAwsEmulatorRequest $Emulator | ForEach-Object { $_ } | Where-Object { $_.path -like '*awsSts*' }).Count
}

# The sample configuration's 'dana' has two roles, and a Duo push that only the control endpoint (her "phone") answers.
Show-Step 'Starting the CAS + Duo + STS emulator on 127.0.0.1'
$emulator = Start-CasAwsEmulator
$phone = $null
try {
    $server = $emulator.CasBaseHttps
    $trust = @{ CaBundlePath = $emulator.CertificatePath }
    Write-Host "CAS server: $server (its test CA: $($emulator.CertificatePath))"

    Show-Step 'Connect: one login, one Duo push'
    Show-Note "dana's phone approves the push in about 4 seconds (a background job calls the emulator's control endpoint)."
    $phone = Start-ThreadJob {
        Import-Module $using:supportModule
        $push = Get-CasAwsPendingPush -Emulator $using:emulator -User dana -WaitSeconds 30 | Select-Object -First 1
        Start-Sleep -Seconds 4
        Approve-CasAwsPush -Emulator $using:emulator -Id $push.Id
    }
    Show-Command "Connect-CasAws -Server $server -Credential `$dana -CaBundlePath emulator.pem"
    $session = Connect-CasAws -Server $server -Credential (New-DemoCredential dana dana-pw) @trust
    $null = $phone | Wait-Job | Receive-Job
    $session | Format-List | Out-Host

    Show-Step 'The roles, from the session (no new login, no push)'
    Show-Command 'Get-CasAwsRole'
    Get-CasAwsRole | Format-Table | Out-Host

    Show-Step 'Choosing a role: by pattern through the pipeline, and by name'
    Show-Command 'Get-CasAwsRole *Admin* | Get-CasAwsCredential'
    Show-Note '(this asks CAS: dana approves one more push; a Duo passcode avoids it, see -Passcode)'
    $phone = Start-ThreadJob {
        Import-Module $using:supportModule
        Approve-CasAwsPush -Emulator $using:emulator -User dana -WaitSeconds 30
    }
    $admin = Get-CasAwsRole *Admin* | Get-CasAwsCredential
    $null = $phone | Wait-Job | Receive-Job
    $admin | Out-Host
    Show-Note 'SecretKey and SessionToken are never shown by the default views or ToString().'
    $admin | Format-List | Out-Host

    Show-Command 'Get-CasAwsCredential -RoleArn CasDeveloper -Passcode 246810 -Duration 02:00:00'
    $developer = Get-CasAwsCredential -RoleArn CasDeveloper -Passcode 246810 -Duration 02:00:00
    $developer | Out-Host

    Show-Step 'Reuse: the same role again comes from the cache'
    $before = Get-CasCallCount $emulator
    Show-Command 'Get-CasAwsCredential -RoleArn CasDeveloper -Duration 02:00:00 -Verbose'
    $again = Get-CasAwsCredential -RoleArn CasDeveloper -Duration 02:00:00 -Verbose
    Write-Host "Same keys: $($again.AccessKey -eq $developer.AccessKey); CAS calls made: $((Get-CasCallCount $emulator) - $before)"

    $cli = Get-TestAwsCliPath
    if ($cli) {
        Show-Step 'The AWS CLI uses the keys (against the emulator''s STS)'
        Show-Command 'aws sts get-caller-identity'
        $identity = Invoke-TestAwsCli -Emulator $emulator -Arguments @('sts', 'get-caller-identity', '--endpoint-url', $emulator.StsUrlHttps, '--output', 'json') -Environment @{
            AWS_ACCESS_KEY_ID = $developer.AccessKey; AWS_SECRET_ACCESS_KEY = $developer.SecretKey; AWS_SESSION_TOKEN = $developer.SessionToken
        }
        Write-Host "Arn: $($identity.Json.Arn)"
    }

    Show-Step 'Asking AWS itself: who am I, another role, the console'
    Show-Note "(CasAws's own AWS SDK loads only now, privately; STS here is the emulator's, through AWS_ENDPOINT_URL_STS)"
    $env:AWS_ENDPOINT_URL_STS = $emulator.StsUrlHttp
    try {
        Show-Command '$developer | Get-CasAwsCallerIdentity'
        $developer | Get-CasAwsCallerIdentity | Format-List | Out-Host
        Show-Command '$developer | Get-CasAwsChainedCredential arn:aws:iam::123456789012:role/ChainTarget | Get-CasAwsCallerIdentity'
        $chained = $developer | Get-CasAwsChainedCredential arn:aws:iam::123456789012:role/ChainTarget
        ($chained | Get-CasAwsCallerIdentity).Arn | Out-Host
        Show-Note 'The role session names the CAS user (CAS itself would use a random UUID).'
        Show-Command '$developer | Get-CasAwsChainedCredential arn:aws:iam::123456789012:role/ChainTarget -Duration 02:00:00'
        try { $null = $developer | Get-CasAwsChainedCredential arn:aws:iam::123456789012:role/ChainTarget -Duration 02:00:00 -ErrorAction Stop } catch { Show-Error $_ }
        Show-Command '$chained | Get-CasAwsConsoleUrl   (-Open would start the browser)'
        $url = $chained | Get-CasAwsConsoleUrl -FederationUrl $emulator.FederationUrlHttp
        Write-Host ($url.Substring(0, [Math]::Min(110, $url.Length)) + '...')
    } finally {
        Remove-Item Env:AWS_ENDPOINT_URL_STS -ErrorAction SilentlyContinue
    }

    Show-Step 'Errors say what to do'
    foreach ($attempt in @(
            @{ Text = 'Get-CasAwsCredential -RoleArn Cas*   (matches two roles)'; Run = { Get-CasAwsCredential -RoleArn Cas* -ErrorAction Stop } }
            @{ Text = 'Get-CasAwsCredential -RoleArn CasAdmin -Duration 00:05:00   (STS needs 15 minutes at least)'; Run = { Get-CasAwsCredential -RoleArn CasAdmin -Duration 00:05:00 -ErrorAction Stop } }
            @{ Text = 'Connect-CasAws ... wrong password'; Run = { Connect-CasAws -Server $server -Credential (New-DemoCredential casuser wrong) @trust } }
            @{ Text = 'Connect-CasAws ... user not in the AWS group'; Run = { Connect-CasAws -Server $server -Credential (New-DemoCredential carol carol-pw) @trust } }
            @{ Text = 'Connect-CasAws ... without trusting the test CA'; Run = { Connect-CasAws -Server $server -Credential (New-DemoCredential casuser Mellon) } }
        )) {
        Show-Command $attempt.Text
        try { $null = & $attempt.Run } catch { Show-Error $_ }
    }

    Show-Step 'A runbook: no session, no prompt'
    Show-Command "Get-CasAwsCredential -Server $server -Credential `$cred -RoleArn arn:aws:iam::123456789012:role/engineering/CasAdmin"
    Get-CasAwsCredential -Server $server -Credential (New-DemoCredential bob bob-pw) -RoleArn arn:aws:iam::123456789012:role/engineering/CasAdmin @trust | Out-Host

    Show-Step 'Disconnect: forget the session and wipe what it held'
    Show-Command 'Disconnect-CasAws -Verbose'
    Disconnect-CasAws -Verbose
} finally {
    if ($phone) { $phone | Remove-Job -Force -ErrorAction SilentlyContinue }
    Disconnect-CasAws
    Show-Step 'Stopping the emulator'
    Stop-CasAwsEmulator $emulator
}
