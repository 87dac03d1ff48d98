<#
.SYNOPSIS
    The credential_process helper's cost per AWS CLI command: median wall time of a cache hit, against
    starting PowerShell (pwsh -NoProfile -Command 1), measured in one run. Target ratio: <= 0.15.
.DESCRIPTION
    The AWS CLI runs credential_process before every command, so this is what each `aws` call pays
    for CasAws. Both are run as processes the same way (System.Diagnostics.Process, output read,
    interleaved so machine noise hits both alike), after one warm-up each. The cache lives in a
    temporary CASAWS_CACHE_DIR filled through Register-CasAwsProfile from the built module.
    PowerShell is the pinned one (`dotnet pwsh`) when that is how this script runs, else this pwsh.
#>
param(
    [Parameter(Mandatory)] [string] $Root,
    [string] $Configuration = 'Release',
    [int] $Runs = 25
)
$ErrorActionPreference = 'Stop'
$env:CASAWS_REPO_ROOT = $Root
Import-Module (Join-Path $Root 'tests/Pester/TestSupport/CasAwsFiles.psm1') -Force
Import-Module (Join-Path $Root 'artifacts/CasAws/CasAws.psd1') -Force

function Measure-Process([string] $File, [string[]] $Arguments) {
    $info = [System.Diagnostics.ProcessStartInfo]::new($File)
    foreach ($argument in $Arguments) { $info.ArgumentList.Add($argument) }
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    $info.UseShellExecute = $false
    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    $process = [System.Diagnostics.Process]::Start($info)
    $null = $process.StandardOutput.ReadToEnd()
    $null = $process.StandardError.ReadToEnd()
    $process.WaitForExit()
    $clock.Stop()
    if ($process.ExitCode -ne 0) { throw "'$File $Arguments' exited with $($process.ExitCode)." }
    $clock.Elapsed.TotalMilliseconds
}

function Get-Median([double[]] $Values) {
    $sorted = $Values | Sort-Object
    if ($sorted.Count % 2) { $sorted[[int][math]::Floor($sorted.Count / 2)] } else { ($sorted[$sorted.Count / 2 - 1] + $sorted[$sorted.Count / 2]) / 2 }
}

$scratch = Enter-CasAwsScratch
try {
    $credential = [CasAws.Credentials.CasAwsCredential]::new('ASIABENCHMARK0000001', 'bench/secret+key', 'bench+session/token=', [datetime]::UtcNow.AddHours(1))
    $credential | Register-CasAwsProfile bench -Server 'https://cas.example.org/cas' -RoleArn 'arn:aws:iam::123456789012:role/Bench' | Out-Null
    $helper = Get-CasAwsHelperPath
    $helperArguments = @('--profile', 'bench', '--server', 'https://cas.example.org/cas')

    $pwsh = [System.Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
    $pwshArguments = @()
    $pwshLabel = 'pwsh'
    if ([IO.Path]::GetFileNameWithoutExtension($pwsh) -eq 'dotnet') { $pwshArguments = @((Join-Path $PSHOME 'pwsh.dll')); $pwshLabel = 'dotnet pwsh' }
    $pwshArguments += @('-NoProfile', '-NonInteractive', '-Command', '1')

    $null = Measure-Process $helper $helperArguments
    $null = Measure-Process $pwsh $pwshArguments
    $helperTimes = [System.Collections.Generic.List[double]]::new()
    $pwshTimes = [System.Collections.Generic.List[double]]::new()
    foreach ($run in 1..$Runs) {
        $helperTimes.Add((Measure-Process $helper $helperArguments))
        $pwshTimes.Add((Measure-Process $pwsh $pwshArguments))
    }

    $helperMedian = Get-Median $helperTimes
    $pwshMedian = Get-Median $pwshTimes
    $size = (Get-Item $helper).Length / 1MB
    Write-Host ("credential_process cache hit ({0}, {1:N1} MB, self-contained): median {2:N1} ms over {3} runs" -f (Split-Path $helper -Leaf), $size, $helperMedian, $Runs)
    Write-Host ("PowerShell start ({0} -NoProfile -Command 1): median {1:N1} ms over {2} runs" -f $pwshLabel, $pwshMedian, $Runs)
    Write-Host ("ratio helper / PowerShell: {0:N3} (target <= 0.15)" -f ($helperMedian / $pwshMedian))
} finally {
    Exit-CasAwsScratch $scratch
}
