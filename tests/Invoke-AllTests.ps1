<#
.SYNOPSIS
    Runs every xunit and Pester test against an already built tree and prints one closing line:
    'N passed, N failed, N skipped'. Exits non-zero on any failure or when nothing ran.
#>
param(
    [Parameter(Mandatory)] [string] $Root,
    [string] $Configuration = 'Release',
    [string] $Filter
)
$ErrorActionPreference = 'Stop'
$results = Join-Path $Root 'artifacts/TestResults'
if (Test-Path $results) { Remove-Item $results -Recurse -Force }
New-Item -ItemType Directory -Path $results | Out-Null

& (Join-Path $PSScriptRoot 'Install-TestPrerequisites.ps1')

# The run gets a temp directory of its own (every test process inherits it), so that what a test
# leaves behind is found and counted as a failure, whatever other runs on the machine do meanwhile.
$savedTemp = @{}
foreach ($name in 'TMPDIR', 'TMP', 'TEMP') { $savedTemp[$name] = [Environment]::GetEnvironmentVariable($name) }
$runTemp = Join-Path ([System.IO.Path]::GetTempPath()) ('casaws-run-' + [guid]::NewGuid().ToString('N').Substring(0, 12))
New-Item -ItemType Directory -Path $runTemp | Out-Null
foreach ($name in $savedTemp.Keys) { [Environment]::SetEnvironmentVariable($name, $runTemp) }

# Connect-CasAws saves connection settings: this run keeps them in a folder of its own (inside the
# run's temp directory, removed with it), never the user's.
$env:CASAWS_CONFIG_DIR = Join-Path $runTemp 'config'

# --- xunit ---------------------------------------------------------------------------------
Write-Host '== xunit' -ForegroundColor Cyan
$trx = Join-Path $results 'unit.trx'
$unitArgs = @('test', (Join-Path $Root 'tests/Unit/CasAws.Tests.csproj'), '-c', $Configuration, '--no-build', '--nologo',
    '--logger', "trx;LogFileName=$trx", '--logger', 'console;verbosity=minimal')
if ($Filter) { $unitArgs += @('--filter', "FullyQualifiedName~$Filter") }
& dotnet @unitArgs
$unit = @{ Passed = 0; Failed = 0; Skipped = 0 }
if (Test-Path $trx) {
    [xml] $doc = Get-Content -LiteralPath $trx -Raw
    $counters = $doc.TestRun.ResultSummary.Counters
    $unit.Passed = [int] $counters.passed
    $unit.Failed = [int] $counters.failed + [int] $counters.error + [int] $counters.timeout + [int] $counters.aborted
    $unit.Skipped = [int] $counters.notExecuted
} elseif ($LASTEXITCODE -ne 0) {
    $unit.Failed = 1   # the runner itself failed before writing results
}

# --- Pester (in a fresh pwsh, importing the built module as a user would) ------------------
Write-Host '== Pester' -ForegroundColor Cyan
$pesterSummary = Join-Path $results 'pester.json'
$pesterScript = Join-Path $PSScriptRoot 'Pester/Invoke-PesterSuite.ps1'
$env:CASAWS_CONFIGURATION = $Configuration   # the package tests make the package from this build when it is stale
& dotnet pwsh -NoProfile -NonInteractive -File $pesterScript -Root $Root -SummaryPath $pesterSummary -Filter "$Filter"
$pester = @{ Passed = 0; Failed = 0; Skipped = 0 }
if (Test-Path $pesterSummary) {
    $summary = Get-Content -LiteralPath $pesterSummary -Raw | ConvertFrom-Json
    $pester.Passed = [int] $summary.Passed
    $pester.Failed = [int] $summary.Failed
    $pester.Skipped = [int] $summary.Skipped
} else {
    $pester.Failed = 1   # Pester could not start or crashed before summarising
}

foreach ($name in $savedTemp.Keys) { [Environment]::SetEnvironmentVariable($name, $savedTemp[$name]) }
$leftovers = @(Get-ChildItem -LiteralPath $runTemp -Force -Filter 'casaws-*' | Sort-Object Name)
if ($leftovers.Count -gt 0) {
    Write-Host "FAILED: the tests left $($leftovers.Count) item(s) in the temp directory: $(($leftovers.Name | Select-Object -First 10) -join ', ')" -ForegroundColor Red
}
Remove-Item -LiteralPath $runTemp -Recurse -Force -ErrorAction SilentlyContinue

$passed = $unit.Passed + $pester.Passed
$failed = $unit.Failed + $pester.Failed + [int] ($leftovers.Count -gt 0)
$skipped = $unit.Skipped + $pester.Skipped
Write-Host "xunit: $($unit.Passed) passed, $($unit.Failed) failed, $($unit.Skipped) skipped"
Write-Host "Pester: $($pester.Passed) passed, $($pester.Failed) failed, $($pester.Skipped) skipped"
Write-Output "$passed passed, $failed failed, $skipped skipped"
if ($failed -gt 0 -or ($passed + $failed) -eq 0) { exit 1 }
exit 0
