<#
.SYNOPSIS
    Runs every xunit and Pester test (after the build, with -Build; else against the built tree) and
    prints one closing line: 'N passed, N failed, N skipped'. Exits non-zero on any failure or when
    nothing ran.
.DESCRIPTION
    The stages run side by side. With -Build, the build comes first, and what does not need it runs
    beside it on the cores it leaves idle: the background install of the tests' tools, the code style
    check, and the package's helpers (when the package tests are selected; the package is kept when its
    inputs have not changed). Then xunit and -PesterSuites Pester processes, which take the test files
    one at a time as they finish and leave the package tests for last. A build that failed, or a stage
    that did not complete, was aborted or ran fewer tests than it found, is a failure with a line saying
    so (tests/Runner/StageResults.psm1). The run ends with each stage's seconds and each Pester file
    that took more than 10 s, with its tests that took 5 s or more.
.PARAMETER Filter
    Only the Pester files and xunit tests whose names contain this text.
.PARAMETER ResultsDirectory
    Where the trx, the Pester summary and the stages' logs go (default artifacts/TestResults).
.PARAMETER Build
    Build first (./build.ps1 build, as build.ps1 test does); without it the tree must be built already.
.PARAMETER Stage
    The test stages to run (default both).
.PARAMETER PesterSuites
    How many Pester processes share the test files (default 2). Each has its own CasAws folders.
.PARAMETER NoToolInstall
    Install none of the tests' tools: for a run that needs none (tests/Pester/TestRunner.Tests.ps1's).
#>
param(
    [Parameter(Mandatory)] [string] $Root,
    [string] $Configuration = 'Release',
    [string] $Filter,
    [string] $ResultsDirectory = (Join-Path $Root 'artifacts/TestResults'),
    [switch] $Build,
    [ValidateSet('xunit', 'Pester')] [string[]] $Stage = @('xunit', 'Pester'),
    [ValidateRange(1, 8)] [int] $PesterSuites = 2,
    [switch] $NoToolInstall
)
$ErrorActionPreference = 'Stop'
$total = [System.Diagnostics.Stopwatch]::StartNew()
Import-Module (Join-Path $PSScriptRoot 'Runner/StageProcess.psm1') -Force
Import-Module (Join-Path $PSScriptRoot 'Runner/StageResults.psm1') -Force
Import-Module (Join-Path $PSScriptRoot 'Runner/CpuTime.psm1') -Force
if (Test-Path $ResultsDirectory) { Remove-Item $ResultsDirectory -Recurse -Force }
New-Item -ItemType Directory -Path $ResultsDirectory | Out-Null
$dotnet = (Get-Command dotnet -CommandType Application | Select-Object -First 1).Source
$pwsh = [System.Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
$pwshArguments = @()
if ([System.IO.Path]::GetFileNameWithoutExtension($pwsh) -eq 'dotnet') { $pwshArguments += (Join-Path $PSHOME 'pwsh.dll') }
$pwshArguments += @('-NoProfile', '-NonInteractive', '-File')

$prerequisites = Join-Path $ResultsDirectory 'prerequisites'
if (-not $NoToolInstall) { & (Join-Path $PSScriptRoot 'Install-TestPrerequisites.ps1') -StatusDirectory $prerequisites }

# The run gets a temp directory of its own (every test process inherits it), so that what a test
# leaves behind is found and counted as a failure, whatever other runs on the machine do meanwhile.
$savedTemp = @{}
foreach ($name in 'TMPDIR', 'TMP', 'TEMP') { $savedTemp[$name] = [Environment]::GetEnvironmentVariable($name) }
$runTemp = Join-Path ([System.IO.Path]::GetTempPath()) ('casaws-run-' + [guid]::NewGuid().ToString('N').Substring(0, 12))
New-Item -ItemType Directory -Path $runTemp | Out-Null
foreach ($name in $savedTemp.Keys) { [Environment]::SetEnvironmentVariable($name, $runTemp) }
# Should this script itself fail, its stages are stopped and the run's temp directory goes with them.
trap {
    foreach ($started in @($stages) | Where-Object { $_ }) { try { Stop-StageProcess $started } catch { Write-Warning "Could not stop $($started.Name): $_" } }
    foreach ($name in $savedTemp.Keys) { [Environment]::SetEnvironmentVariable($name, $savedTemp[$name]) }
    Remove-Item -LiteralPath $runTemp -Recurse -Force -ErrorAction SilentlyContinue
    break
}

# CasAws's saved connections, private cache and helper copies: this run keeps them in folders of its
# own (inside the run's temp directory, removed with it), never the user's; each Pester suite has its own.
function Get-CasAwsFolderVariables([string] $Under) {
    @{ CASAWS_CONFIG_DIR = Join-Path $Under 'config'; CASAWS_CACHE_DIR = Join-Path $Under 'cache'; CASAWS_DATA_DIR = Join-Path $Under 'data' }
}
$runFolders = Get-CasAwsFolderVariables $runTemp
foreach ($name in $runFolders.Keys) { [Environment]::SetEnvironmentVariable($name, $runFolders[$name]) }
$env:CASAWS_CONFIGURATION = $Configuration   # the package tests make the package from this build
# The xunit test host gets 5 minutes to connect on a loaded machine (the default 90 s is not always
# enough there), and the whole xunit run 30 minutes before it counts as hung and is aborted.
$env:VSTEST_CONNECTION_TIMEOUT = '300'

$stages = [System.Collections.Generic.List[object]]::new()
# The build, in the foreground; what does not need it starts beside it.
if ($Build) {
    Write-Host '== build' -ForegroundColor Cyan
    $buildStage = Start-StageProcess -Name 'build' -FilePath $pwsh -ArgumentList ($pwshArguments + @((Join-Path $Root 'build.ps1'), 'build', '-Configuration', $Configuration)) -Environment $savedTemp
    $stages.Add($buildStage)
}

# The code style (.editorconfig) is checked like a test: a change that breaks it fails the run.
if (-not $Filter) {
    $stages.Add((Start-StageProcess -Name 'format' -FilePath $dotnet -ArgumentList @('format', 'whitespace', $Root, '--folder', '--verify-no-changes', '-v', 'q') -LogPath (Join-Path $ResultsDirectory 'format.log')))
}

Import-Module (Join-Path $PSScriptRoot 'Runner/PesterFiles.psm1') -Force
# The Pester files this run takes: whether one needs the package now, and whether each one ran at the end.
$pesterSelection = if ('Pester' -in $Stage) { Get-PesterFileSelection -Directory (Join-Path $PSScriptRoot 'Pester') -Filter $Filter }
$buildOutcome = Join-Path $ResultsDirectory 'build.outcome'
if ($pesterSelection -and $pesterSelection.NeedsPackage) {
    Write-Host '== package (in the background)' -ForegroundColor Cyan
    $packageArguments = @((Join-Path $Root 'tools/Build-Package.ps1'), '-Root', $Root, '-Configuration', $Configuration, '-Destination', (Join-Path $Root 'artifacts/package'), '-IfChanged')
    if ($Build) { $packageArguments += @('-AfterBuild', $buildOutcome) }
    $stages.Add((Start-StageProcess -Name 'package' -FilePath $pwsh -LogPath (Join-Path $ResultsDirectory 'package.log') -ArgumentList ($pwshArguments + $packageArguments)))
}

$buildFailed = $false
if ($Build) {
    $stages | Wait-StageProcess -Until $buildStage
    $buildFailed = $buildStage.ExitCode -ne 0
    Set-Content -LiteralPath $buildOutcome -Value $(if ($buildFailed) { "exit code $($buildStage.ExitCode)" } else { 'ok' })
    # No package from a broken build: its helper builds are stopped rather than waited for (minutes of CPU).
    if ($buildFailed) { $stages | Where-Object Name -EQ 'package' | Stop-StageProcess }
}

$trx = Join-Path $ResultsDirectory 'unit.trx'
if ('xunit' -in $Stage -and -not $buildFailed) {   # no test runs on a broken build
    Write-Host '== xunit (in the background)' -ForegroundColor Cyan
    $unitArguments = @('test', (Join-Path $Root 'tests/Unit/CasAws.Tests.csproj'), '-c', $Configuration, '--no-build', '--nologo',
        '--logger', "trx;LogFileName=$trx", '--logger', 'console;verbosity=minimal')
    if ($Filter) { $unitArguments += @('--filter', "FullyQualifiedName~$Filter") }
    $unitArguments += @('--', 'RunConfiguration.TestSessionTimeout=1800000')
    $stages.Add((Start-StageProcess -Name 'xunit' -FilePath $dotnet -ArgumentList $unitArguments -LogPath (Join-Path $ResultsDirectory 'xunit.log')))
}

# Pester in fresh pwsh processes, importing the built module as a user would; each prints a line per
# test file as it goes, Pester's own report into its log, and what the tests wrote to the host (renewal
# notices from background threads, Out-Host) into pester-N.host.log rather than onto this console.
if ('Pester' -in $Stage -and -not $buildFailed) {
    Write-Host "== Pester ($PesterSuites processes side by side)" -ForegroundColor Cyan
    foreach ($suite in 1..$PesterSuites) {
        $pesterArguments = $pwshArguments + @((Join-Path $PSScriptRoot 'Pester/Invoke-PesterSuite.ps1'), '-Root', $Root,
            '-SummaryPath', (Join-Path $ResultsDirectory "pester-$suite.json"), '-LogPath', (Join-Path $ResultsDirectory "pester-$suite.log"),
            '-ClaimDirectory', (Join-Path $ResultsDirectory 'pester-claims'))
        if ($Filter) { $pesterArguments += @('-Filter', $Filter) }
        $stages.Add((Start-StageProcess -Name "Pester $suite" -FilePath $pwsh -ArgumentList $pesterArguments -LogPath (Join-Path $ResultsDirectory "pester-$suite.host.log") -ErrorOnConsole `
                    -Environment (Get-CasAwsFolderVariables (Join-Path $runTemp "pester-$suite"))))
    }
}

$stages | Wait-StageProcess
$results = @(foreach ($finished in $stages) {
    switch ($finished.Name) {
        'xunit' {
            Write-Host '== xunit output' -ForegroundColor Cyan
            Get-Content -LiteralPath $finished.LogPath, "$($finished.LogPath).err" | Write-Host
            Read-XunitStageResult -TrxPath $trx -ExitCode $finished.ExitCode -Filtered:([bool] $Filter)
        }
        { $_ -like 'Pester *' } {
            $suite = $finished.Name.Substring('Pester '.Length)
            $pesterResult = Read-PesterStageResult -Name $finished.Name -SummaryPath (Join-Path $ResultsDirectory "pester-$suite.json") -ExitCode $finished.ExitCode -Filtered:($Filter -or $PesterSuites -gt 1)
            if ($pesterResult.Failed -gt 0 -or $pesterResult.Problems.Count -gt 0) {
                Write-Host "== $($finished.Name) output (it failed; what its tests wrote to the host is in $($finished.LogPath))" -ForegroundColor Cyan
                Get-Content -LiteralPath (Join-Path $ResultsDirectory "pester-$suite.log") -ErrorAction Ignore | Write-Host
            }
            $pesterResult
        }
    }
})
$problems = [System.Collections.Generic.List[string]]::new()
if ($buildFailed) { $problems.Add("The build failed with exit code $($buildStage.ExitCode) (its errors are above); no test ran.") }
foreach ($result in $results) { $problems.AddRange($result.Problems) }
$pesterSummaries = @(Get-ChildItem -LiteralPath $ResultsDirectory -Filter 'pester-*.json' | ForEach-Object { Get-Content -LiteralPath $_.FullName -Raw | ConvertFrom-Json })
if ('Pester' -in $Stage -and -not $buildFailed) {
    $ranFiles = @($pesterSummaries | ForEach-Object { @($_.Files) } | ForEach-Object Name)
    $missed = @($pesterSelection.Files.Name | Where-Object { $_ -notin $ranFiles })
    if ($missed.Count -gt 0) { $problems.Add("No Pester suite ran $($missed.Count) test file(s): $($missed -join ', ')") }
}
$format = $stages | Where-Object Name -EQ 'format'
if ($format -and $format.ExitCode -ne 0) {
    Get-Content -LiteralPath $format.LogPath, "$($format.LogPath).err" | Write-Host
    $problems.Add("The code is not formatted as .editorconfig says (dotnet format whitespace --folder fixes it; log: $($format.LogPath)).")
}
$package = $stages | Where-Object Name -EQ 'package'
if ($package -and $package.ExitCode -ne 0 -and -not $buildFailed) {
    Get-Content -LiteralPath $package.LogPath, "$($package.LogPath).err" | Write-Host
    $problems.Add("The package build failed with exit code $($package.ExitCode) (log: $($package.LogPath)).")
}

# The background install of the tests' tools is left to finish: apt-get stopped halfway can leave
# the machine's packages broken.
$installer = Join-Path $prerequisites 'installer.pid'
if (Test-Path -LiteralPath $installer) {
    $process = Get-Process -Id ([int] (Get-Content -LiteralPath $installer)) -ErrorAction Ignore
    if ($process) { Write-Host 'Waiting for the background install of the tests'' tools to finish...'; $process.WaitForExit() }
}

foreach ($name in $savedTemp.Keys) { [Environment]::SetEnvironmentVariable($name, $savedTemp[$name]) }
$leftovers = @(Get-ChildItem -LiteralPath $runTemp -Force -Filter 'casaws-*' | Sort-Object Name)
if ($leftovers.Count -gt 0) {
    $problems.Add("The tests left $($leftovers.Count) item(s) in the temp directory: $(($leftovers.Name | Select-Object -First 10) -join ', ')")
}
Remove-Item -LiteralPath $runTemp -Recurse -Force -ErrorAction SilentlyContinue

# Seconds, and on Linux the CPU seconds spent (this process's and its children's): waiting shows as the difference.
function Format-Cpu([object] $Seconds) { if ($null -ne $Seconds) { '{0,7:N0} s CPU' -f $Seconds } }
Write-Host '== where the time went' -ForegroundColor Cyan
foreach ($timed in $stages) { Write-Host ('{0,-10} {1,6:N0} s{2}' -f $timed.Name, $timed.Seconds, (Format-Cpu $timed.CpuSeconds)) }
foreach ($file in @($pesterSummaries | ForEach-Object { @($_.Files) }) | Where-Object Seconds -GT 10 | Sort-Object Seconds -Descending) {
    $fileCpu = if ($file.PSObject.Properties['CpuSeconds']) { $file.CpuSeconds }
    Write-Host ('  {0,-40} {1,6:N0} s{2}' -f $file.Name, $file.Seconds, (Format-Cpu $fileCpu))
    if ($file.PSObject.Properties['SlowTests']) {
        foreach ($test in @($file.SlowTests)) { Write-Host ('    {0,6:N0} s  {1}' -f $test.Seconds, $test.Name) }
    }
}
Write-Host ('total      {0,6:N0} s{1}' -f $total.Elapsed.TotalSeconds, (Format-Cpu (Get-CpuSeconds -Children)))

foreach ($result in $results) { Write-Host "$($result.Stage): $($result.Passed) passed, $($result.Failed) failed, $($result.Skipped) skipped" }
foreach ($problem in $problems) { Write-Host "FAILED: $problem" -ForegroundColor Red }
$passed = 0; $failed = $problems.Count; $skipped = 0
foreach ($result in $results) { $passed += $result.Passed; $failed += $result.Failed; $skipped += $result.Skipped }
Write-Output "$passed passed, $failed failed, $skipped skipped"
if ($failed -gt 0 -or ($passed + $failed) -eq 0) { exit 1 }
exit 0
