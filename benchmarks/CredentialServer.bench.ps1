<#
.SYNOPSIS
    What a tool pays to get keys from the loopback credential endpoint (Start-CasAwsCredentialServer)
    against a credential_process cache hit (the helper), measured in one run: median wall times and ratios.
.DESCRIPTION
    An SDK fetches from the endpoint with one HTTP GET inside its own process; the AWS CLI runs the
    credential_process helper as a new process before every command. Measured, interleaved so machine
    noise hits all alike, after one warm-up each:
      - endpoint, one GET from a warm HttpClient in this process (what a running SDK pays per refresh);
      - endpoint, one GET by a new curl process (a fair process-start-for-process-start comparison);
      - helper cache hit, a new process printing the cached JSON (what each aws command pays).
    The endpoint serves the emulator's casuser (no MFA) role; the helper reads a cache entry written by
    Register-CasAwsProfile in a temporary CASAWS_CACHE_DIR.
#>
param(
    [Parameter(Mandatory)] [string] $Root,
    [int] $Runs = 50
)
$ErrorActionPreference = 'Stop'
$env:CASAWS_REPO_ROOT = $Root
Import-Module (Join-Path $Root 'tests/Pester/TestSupport/CasAwsFiles.psm1') -Force
Import-Module (Join-Path $Root 'artifacts/CasAws/CasAws.psd1') -Force
Import-Module (Join-Path $Root 'tests/Pester/TestSupport/Emulator.psm1') -Force

Import-Module (Join-Path $PSScriptRoot 'BenchmarkSupport.psm1') -Force

function Measure-Get([System.Net.Http.HttpClient] $Client, [uri] $Url, [string] $Token) {
    $request = [System.Net.Http.HttpRequestMessage]::new([System.Net.Http.HttpMethod]::Get, $Url)
    $null = $request.Headers.TryAddWithoutValidation('Authorization', $Token)
    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    $response = $Client.SendAsync($request).GetAwaiter().GetResult()
    $body = $response.Content.ReadAsStringAsync().GetAwaiter().GetResult()
    $clock.Stop()
    if (-not $response.IsSuccessStatusCode -or $body -notmatch 'AccessKeyId') { throw "The endpoint answered $([int] $response.StatusCode): $body" }
    $clock.Elapsed.TotalMilliseconds
}

$scratch = Enter-CasAwsScratch
$emulator = Start-CasAwsEmulator
$client = [System.Net.Http.HttpClient]::new([System.Net.Http.HttpClientHandler]@{ UseProxy = $false })
try {
    $credential = [CasAws.Credentials.CasAwsCredential]::new('ASIABENCHMARK0000001', 'bench/secret+key', 'bench+session/token=', [datetime]::UtcNow.AddHours(1))
    $credential | Register-CasAwsProfile bench -Server 'https://cas.example.org/cas' -RoleArn 'arn:aws:iam::123456789012:role/Bench' | Out-Null
    $helper = Get-CasAwsHelperPath
    $helperArguments = @('--profile', 'bench', '--server', 'https://cas.example.org/cas')

    $casuser = [pscredential]::new('casuser', (ConvertTo-SecureString 'Mellon' -AsPlainText -Force))
    Connect-CasAws -Server $emulator.CasBaseHttps -Credential $casuser -CaBundlePath $emulator.CertificatePath | Out-Null
    $server = Start-CasAwsCredentialServer -RoleArn 'arn:aws:iam::123456789012:role/CasDeveloper' -Name bench
    $token = $server.GetAuthorizationToken()
    $curl = (Get-Command curl -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1).Source
    $curlArguments = @('-s', '--noproxy', '*', '-H', "Authorization: $token", $server.Url.AbsoluteUri)

    $null = Measure-Get $client $server.Url $token
    $null = Measure-Process $helper $helperArguments -Expect AccessKeyId
    if ($curl) { $null = Measure-Process $curl $curlArguments -Expect AccessKeyId }
    $inProcess = [System.Collections.Generic.List[double]]::new()
    $byCurl = [System.Collections.Generic.List[double]]::new()
    $helperTimes = [System.Collections.Generic.List[double]]::new()
    foreach ($run in 1..$Runs) {
        $inProcess.Add((Measure-Get $client $server.Url $token))
        $helperTimes.Add((Measure-Process $helper $helperArguments -Expect AccessKeyId))
        if ($curl) { $byCurl.Add((Measure-Process $curl $curlArguments -Expect AccessKeyId)) }
    }

    $endpoint = Get-Median $inProcess
    $hit = Get-Median $helperTimes
    Write-Host ("endpoint, one GET from a warm HttpClient: median {0:N2} ms over {1} runs" -f $endpoint, $Runs)
    Write-Host ("credential_process cache hit ({0}, a new process): median {1:N1} ms over {2} runs" -f (Split-Path $helper -Leaf), $hit, $Runs)
    Write-Host ("ratio endpoint GET / helper cache hit: {0:N3}" -f ($endpoint / $hit))
    if ($curl) {
        $curlMedian = Get-Median $byCurl
        Write-Host ("endpoint, one GET by a new curl process: median {0:N1} ms; ratio curl GET / helper cache hit: {1:N2}" -f $curlMedian, ($curlMedian / $hit))
    }
    Write-Host ("requests the endpoint served: {0}, refused: {1}" -f $server.RequestsServed, $server.RequestsRefused)
} finally {
    $client.Dispose()
    Get-CasAwsCredentialServer | Stop-CasAwsCredentialServer -Confirm:$false
    Disconnect-CasAws
    Stop-CasAwsEmulator $emulator
    Exit-CasAwsScratch $scratch
}
