<#
.SYNOPSIS
    A warm 'Get-CasAwsCredential -Force' against the local emulator, compared with curl making the
    same request (POST over HTTPS, same form fields), in one run. Target: ratio <= 1.0.
.DESCRIPTION
    Both sides make the whole CAS call every time (-Force skips the cache). The cmdlet runs in this
    warm pwsh and reuses its session's HttpClient (one TLS connection); curl is run as users run it,
    one process per request. Interleaved rounds, so machine noise hits both sides alike.
#>
param(
    [Parameter(Mandatory)] [string] $Root,
    [string] $Configuration = 'Release',
    [int] $Iterations = 100
)
$ErrorActionPreference = 'Stop'
$env:CASAWS_REPO_ROOT = $Root
Import-Module (Join-Path $Root 'tests/Pester/TestSupport/Emulator.psm1') -Force
Import-Module (Join-Path $Root 'artifacts/CasAws/CasAws.psd1') -Force
$curl = (Get-Command curl -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1).Source
if (-not $curl) { Write-Host 'curl is not installed: benchmark skipped.'; return }

$emulator = Start-CasAwsEmulator
try {
    # casuser: a single role, no MFA, so both sides measure the request itself.
    $credential = [pscredential]::new('casuser', (ConvertTo-SecureString 'Mellon' -AsPlainText -Force))
    $null = Connect-CasAws -Server $emulator.CasBaseHttps -Credential $credential -CaBundlePath $emulator.CertificatePath
    $endpoint = "$($emulator.CasBaseHttps)/actuator/awsSts"
    $curlArguments = @('--silent', '--show-error', '--fail', '--cacert', $emulator.CertificatePath, '-H', 'Accept: text/plain',
        '--data-urlencode', 'username=casuser', '--data-urlencode', 'password=Mellon', '--data', 'duration=3600', $endpoint)

    # Warm both: JIT, connection pool, the OS file cache for curl.
    foreach ($i in 1..5) {
        $null = Get-CasAwsCredential -Force
        $null = & $curl @curlArguments
    }

    $cmdletTime = [TimeSpan]::Zero
    $curlTime = [TimeSpan]::Zero
    $watch = [System.Diagnostics.Stopwatch]::new()
    foreach ($i in 1..$Iterations) {
        $watch.Restart()
        $cred = Get-CasAwsCredential -Force
        $watch.Stop(); $cmdletTime += $watch.Elapsed
        if (-not $cred.AccessKey) { throw 'The cmdlet returned no credentials.' }

        $watch.Restart()
        $body = & $curl @curlArguments
        $watch.Stop(); $curlTime += $watch.Elapsed
        if ($LASTEXITCODE -ne 0 -or -not ($body -match 'aws_access_key_id=')) { throw "curl failed (exit code $LASTEXITCODE)." }
    }

    $cmdletMs = $cmdletTime.TotalMilliseconds / $Iterations
    $curlMs = $curlTime.TotalMilliseconds / $Iterations
    Write-Host ('Get-CasAwsCredential -Force (warm): {0:N2} ms per call; curl, same request: {1:N2} ms per call; {2} iterations' -f $cmdletMs, $curlMs, $Iterations)
    Write-Host ('ratio cmdlet/curl: {0:N2} (target <= 1.0)' -f ($cmdletMs / $curlMs))
} finally {
    Disconnect-CasAws
    Stop-CasAwsEmulator $emulator
}
