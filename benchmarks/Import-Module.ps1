<#
.SYNOPSIS
    Import-Module time of the built module in a warm pwsh. Target: under 150 ms.
.DESCRIPTION
    Each run is a fresh pwsh that first warms the engine (a built-in module, formatting), then times
    the first 'Import-Module artifacts/CasAws/CasAws.psd1', as in a user's session whose profile has
    already run. The median of the runs is the figure.
#>
param(
    [Parameter(Mandatory)] [string] $Root,
    [string] $Configuration = 'Release',
    [int] $Runs = 9
)
$ErrorActionPreference = 'Stop'
$module = Join-Path $Root 'artifacts/CasAws/CasAws.psd1'
$script = @"
Import-Module Microsoft.PowerShell.Utility
`$null = Get-Date | Format-List | Out-String
`$watch = [System.Diagnostics.Stopwatch]::StartNew()
Import-Module '$module'
`$watch.Stop()
if (-not (Get-Command Get-CasAwsCredential -ErrorAction SilentlyContinue)) { throw 'Get-CasAwsCredential was not exported.' }
`$watch.Elapsed.TotalMilliseconds.ToString([cultureinfo]::InvariantCulture)
"@
$pwsh = [Environment]::ProcessPath
$pwshArguments = @()
if ([System.IO.Path]::GetFileNameWithoutExtension($pwsh) -eq 'dotnet') { $pwshArguments += (Join-Path $PSHOME 'pwsh.dll') }
$times = foreach ($run in 1..$Runs) {
    $output = & $pwsh @pwshArguments -NoProfile -NonInteractive -Command $script
    if ($LASTEXITCODE -ne 0) { throw "pwsh failed: $output" }
    [double]::Parse(($output | Select-Object -Last 1), [cultureinfo]::InvariantCulture)
}
$sorted = $times | Sort-Object
Write-Host ('Import-Module CasAws in a warm pwsh, {0} runs: median {1:N0} ms, min {2:N0} ms, max {3:N0} ms (target < 150 ms)' -f
    $Runs, $sorted[[int][math]::Floor($Runs / 2)], $sorted[0], $sorted[-1])
