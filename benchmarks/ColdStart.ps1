<#
.SYNOPSIS
    A runbook's cold start: a fresh pwsh that imports CasAws and gets one credential over TLS, against the
    same fresh pwsh doing the POST with Invoke-WebRequest; and what Import-Module CasAws alone adds to a
    fresh process. With -BaselineModule, the same figures for another build (say, the last release) in
    the same run, interleaved, so machine load hits both alike.
.DESCRIPTION
    Each sample is one new process, as a scheduled runbook is. Two figures per sample: wall time, start
    to exit, and the CPU time the process used (its own TotalProcessorTime, printed as it ends). On a
    shared, loaded machine wall time mostly measures the neighbours; CPU time is what the process itself
    spent. Printed: medians of both, and the ratios credential/Invoke-WebRequest and (with a baseline)
    this build/baseline. Then where this build's import time goes, in fresh processes: PowerShell's own
    first import of a script module (an empty one, which every module with a loader script pays), loading
    the two assemblies, Import-Module of the binary module (cmdlet discovery), and the manifest around it
    (format file, types file, loader script); and, from copies of the module each without one of those
    parts, what each part costs.
.EXAMPLE
    git worktree add /tmp/base v0.1.0; (cd /tmp/base; dotnet pwsh ./build.ps1 build)
    dotnet pwsh benchmarks/ColdStart.ps1 -Root . -BaselineModule /tmp/base/artifacts/CasAws/CasAws.psd1
#>
param(
    [Parameter(Mandatory)] [string] $Root,
    [string] $Configuration = 'Release',
    [string] $BaselineModule,
    [int] $Rounds = 7
)
$ErrorActionPreference = 'Stop'
$env:CASAWS_REPO_ROOT = $Root
Import-Module (Join-Path $Root 'tests/Pester/TestSupport/Emulator.psm1') -Force
Import-Module (Join-Path $PSScriptRoot 'BenchmarkSupport.psm1') -Force
$module = Join-Path $Root 'artifacts/CasAws/CasAws.psd1'
$pwsh = [Environment]::ProcessPath
$pwshArguments = @('-NoProfile', '-NonInteractive', '-Command')
if ([System.IO.Path]::GetFileNameWithoutExtension($pwsh) -eq 'dotnet') { $pwshArguments = @((Join-Path $PSHOME 'pwsh.dll')) + $pwshArguments }
# The last line a measured process prints: the CPU time it used, all threads, in ms.
$printCpu = "`n[System.Diagnostics.Process]::GetCurrentProcess().TotalProcessorTime.TotalMilliseconds.ToString([cultureinfo]::InvariantCulture)"

function Measure-FreshPwsh([string] $Script) {
    <# .SYNOPSIS Wall ms (start to exit) and CPU ms (as the process reported it) of a new pwsh running Script. #>
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    $output = & $pwsh @pwshArguments ($Script + $printCpu) 2>&1
    $watch.Stop()
    if ($LASTEXITCODE -ne 0) { throw "The measured process failed: $($output | Out-String)" }
    [pscustomobject]@{ Wall = $watch.Elapsed.TotalMilliseconds; Cpu = [double]::Parse("$($output | Select-Object -Last 1)", [cultureinfo]::InvariantCulture) }
}

# An empty script module: what PowerShell spends on the first import of any module with a loader script.
$emptyModule = Join-Path ([System.IO.Path]::GetTempPath()) ('casaws-bench-empty-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
$null = New-Item -ItemType Directory -Path $emptyModule
Set-Content -LiteralPath (Join-Path $emptyModule 'Empty.psm1') -Value '$loaded = $true'
Set-Content -LiteralPath (Join-Path $emptyModule 'Empty.psd1') -Value "@{ RootModule = 'Empty.psm1'; ModuleVersion = '1.0'; FunctionsToExport = @(); CmdletsToExport = @(); VariablesToExport = @(); AliasesToExport = @() }"

$emulator = Start-CasAwsEmulator
try {
    $bundle = $emulator.CertificatePath
    $server = $emulator.CasBaseHttps
    $builds = [ordered]@{ 'this build' = $module }
    if ($BaselineModule) { $builds['baseline'] = (Resolve-Path $BaselineModule).Path }

    $scripts = [ordered]@{ 'fresh pwsh' = '$null = 1'; 'Invoke-WebRequest POST' = @"
`$body = @{ username = 'casuser'; password = 'Mellon'; duration = '3600' }
`$null = Invoke-WebRequest -Uri '$server/actuator/awsSts' -Method Post -Body `$body -Headers @{ Accept = 'text/plain' } -SkipCertificateCheck
"@ }
    foreach ($name in $builds.Keys) {
        $scripts["$name`: Import-Module"] = "Import-Module '$($builds[$name])'"
        $scripts["$name`: import + credential"] = @"
Import-Module '$($builds[$name])'
`$credential = [pscredential]::new('casuser', (ConvertTo-SecureString 'Mellon' -AsPlainText -Force))
`$null = Get-CasAwsCredential -Server '$server' -Credential `$credential -CaBundlePath '$bundle' -ErrorAction Stop
"@
    }

    $samples = @{}
    foreach ($key in $scripts.Keys) { $samples[$key] = [System.Collections.Generic.List[object]]::new() }
    $null = Measure-FreshPwsh $scripts['fresh pwsh']   # warm the OS file cache
    foreach ($round in 1..$Rounds) {
        foreach ($key in $scripts.Keys) { $samples[$key].Add((Measure-FreshPwsh $scripts[$key])) }
    }

    $wall = @{}; $cpu = @{}
    foreach ($key in $scripts.Keys) {
        $wall[$key] = Get-Median $samples[$key].Wall
        $cpu[$key] = Get-Median $samples[$key].Cpu
    }
    Write-Host ("Cold start, {0} interleaved rounds of fresh processes (medians):" -f $Rounds)
    Write-Host ('  {0,-34} {1,9} {2,9}' -f '', 'wall', 'CPU')
    foreach ($key in $scripts.Keys) { Write-Host ('  {0,-34} {1,6:N0} ms {2,6:N0} ms' -f $key, $wall[$key], $cpu[$key]) }
    foreach ($name in $builds.Keys) {
        Write-Host ('  {0}: Import-Module adds {1:N0} ms wall, {2:N0} ms CPU to a fresh process; import + credential / Invoke-WebRequest = {3:N2}x wall, {4:N2}x CPU' -f $name,
            ($wall["$name`: Import-Module"] - $wall['fresh pwsh']), ($cpu["$name`: Import-Module"] - $cpu['fresh pwsh']),
            ($wall["$name`: import + credential"] / $wall['Invoke-WebRequest POST']), ($cpu["$name`: import + credential"] / $cpu['Invoke-WebRequest POST']))
    }
    if ($BaselineModule) {
        foreach ($figure in @(@{ Name = 'wall'; Median = $wall }, @{ Name = 'CPU'; Median = $cpu })) {
            $m = $figure.Median
            Write-Host ('  this build / baseline, {0}: what Import-Module adds {1:N2}x, import + credential {2:N2}x' -f $figure.Name,
                (($m['this build: Import-Module'] - $m['fresh pwsh']) / ($m['baseline: Import-Module'] - $m['fresh pwsh'])),
                ($m['this build: import + credential'] / $m['baseline: import + credential']))
        }
    }

    # Where this build's import time goes, in one fresh process per round; each step's CPU too, as above.
    $breakdown = @"
`$process = [System.Diagnostics.Process]::GetCurrentProcess()
`$folder = Join-Path (Split-Path '$module') 'core'
`$marks = [System.Collections.Generic.List[string]]::new()
`$watch = [System.Diagnostics.Stopwatch]::StartNew()
function Mark { `$process.Refresh(); `$marks.Add(('{0:R}/{1:R}' -f `$watch.Elapsed.TotalMilliseconds, `$process.TotalProcessorTime.TotalMilliseconds)) }
Mark
Import-Module '$emptyModule/Empty.psd1'
Mark
`$null = [System.Reflection.Assembly]::LoadFrom((Join-Path `$folder 'CasAws.Core.dll'))
Mark
`$null = [System.Reflection.Assembly]::LoadFrom((Join-Path `$folder 'CasAws.Cmdlets.dll'))
Mark
Import-Module (Join-Path `$folder 'CasAws.Cmdlets.dll')
Mark
Import-Module '$module'
Mark
`$marks -join ' '
"@
    $parts = [System.Collections.Generic.List[object]]::new()
    foreach ($round in 1..$Rounds) {
        $marks = @("$(& $pwsh @pwshArguments $breakdown)".Trim() -split ' ' | ForEach-Object { , ([double[]] ($_ -split '/')) })
        $parts.Add(@(for ($i = 1; $i -lt $marks.Count; $i++) { , @(($marks[$i][0] - $marks[$i - 1][0]), ($marks[$i][1] - $marks[$i - 1][1])) }))
    }
    $names = "PowerShell's first import of a script module (an empty one; not CasAws's)", 'load CasAws.Core.dll', 'load CasAws.Cmdlets.dll',
        'Import-Module of the binary module (cmdlet discovery, initializer)', 'the manifest around it (format file, types file, loader script)'
    Write-Host 'Where Import-Module CasAws spends its time (medians, wall / CPU):'
    for ($i = 0; $i -lt $names.Count; $i++) {
        Write-Host ('  {0,-75} {1,6:N1} ms / {2,6:N1} ms' -f $names[$i], (Get-Median ($parts | ForEach-Object { $_[$i][0] })), (Get-Median ($parts | ForEach-Object { $_[$i][1] })))
    }

    # What each part of the manifest costs: copies of this build's module, each without one part, imported in
    # fresh processes after the empty module (so PowerShell's own first-import cost is already paid), interleaved.
    $variantRoot = Join-Path $emptyModule 'variants'
    $variants = [ordered]@{}
    foreach ($name in 'this build', 'no types file', 'no format file', 'no types or format file', 'no loader script (RootModule = core dll; PowerShell 7 only)') {
        $folder = Join-Path $variantRoot ($variants.Count)
        Copy-Item -LiteralPath (Split-Path $module) -Destination $folder -Recurse
        $manifest = Join-Path $folder 'CasAws.psd1'
        $text = Get-Content -LiteralPath $manifest -Raw
        if ($name -like '*types*') { $text = $text -replace "(?m)^\s*TypesToProcess\s*=.*$", '' }
        if ($name -like '*format*') { $text = $text -replace "(?m)^\s*FormatsToProcess\s*=.*$", '' }
        if ($name -like 'no loader*') { $text = $text -replace "RootModule\s*=\s*'CasAws.psm1'", "RootModule = 'core/CasAws.Cmdlets.dll'" }
        Set-Content -LiteralPath $manifest -Value $text
        $variants[$name] = $manifest
    }
    $variantSamples = @{}
    foreach ($name in $variants.Keys) { $variantSamples[$name] = [System.Collections.Generic.List[object]]::new() }
    foreach ($round in 1..$Rounds) {
        foreach ($name in $variants.Keys) {
            $script = @"
Import-Module '$emptyModule/Empty.psd1'
`$process = [System.Diagnostics.Process]::GetCurrentProcess()
`$cpu = `$process.TotalProcessorTime.TotalMilliseconds
`$watch = [System.Diagnostics.Stopwatch]::StartNew()
Import-Module '$($variants[$name])'
`$watch.Stop(); `$process.Refresh()
if (-not (Get-Command Get-CasAwsCredential -ErrorAction SilentlyContinue)) { throw 'Get-CasAwsCredential was not exported.' }
'{0:R}/{1:R}' -f `$watch.Elapsed.TotalMilliseconds, (`$process.TotalProcessorTime.TotalMilliseconds - `$cpu)
"@
            $pair = [double[]] ("$(& $pwsh @pwshArguments $script)".Trim() -split '/')
            $variantSamples[$name].Add([pscustomobject]@{ Wall = $pair[0]; Cpu = $pair[1] })
        }
    }
    Write-Host 'Import-Module of this build after an empty module, and of copies without one part (medians, wall / CPU; a part costs about the difference):'
    foreach ($name in $variants.Keys) {
        Write-Host ('  {0,-75} {1,6:N1} ms / {2,6:N1} ms' -f $name, (Get-Median $variantSamples[$name].Wall), (Get-Median $variantSamples[$name].Cpu))
    }
} finally {
    Stop-CasAwsEmulator $emulator
    Remove-Item -LiteralPath $emptyModule -Recurse -Force -ErrorAction SilentlyContinue
}
