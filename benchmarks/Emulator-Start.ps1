<#
.SYNOPSIS
    Measures the emulator's start time: from process start to the ready-file (what every Pester file waits for).
#>
param(
    [Parameter(Mandatory)] [string] $Root,
    [string] $Configuration = 'Release',
    [int] $Runs = 7
)
$ErrorActionPreference = 'Stop'
$env:CASAWS_REPO_ROOT = $Root
Import-Module (Join-Path $Root 'tests/Pester/TestSupport/Emulator.psm1') -Force
$times = foreach ($run in 1..$Runs) {
    $emulator = Start-CasAwsEmulator
    try { $emulator.StartMilliseconds } finally { Stop-CasAwsEmulator $emulator }
}
$sorted = $times | Sort-Object
Write-Host ("emulator start (process start -> ready-file), {0} runs: first {1:N0} ms, median {2:N0} ms, min {3:N0} ms, max {4:N0} ms" -f
    $Runs, $times[0], $sorted[[int][math]::Floor($Runs / 2)], $sorted[0], $sorted[-1])
