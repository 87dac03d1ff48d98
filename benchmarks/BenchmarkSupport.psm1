# What the benchmark scripts share: timing a process start to exit, and the median of the runs.

function Measure-Process {
    <# .SYNOPSIS Wall time in ms of running File with Arguments, output read to the end; throws when it fails or its output lacks -Expect. #>
    param([string] $File, [string[]] $Arguments, [string] $Expect)
    $info = [System.Diagnostics.ProcessStartInfo]::new($File)
    foreach ($argument in $Arguments) { $info.ArgumentList.Add($argument) }
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    $info.UseShellExecute = $false
    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    $process = [System.Diagnostics.Process]::Start($info)
    $out = $process.StandardOutput.ReadToEnd()
    $null = $process.StandardError.ReadToEnd()
    $process.WaitForExit()
    $clock.Stop()
    if ($process.ExitCode -ne 0) { throw "'$File $Arguments' exited with $($process.ExitCode)." }
    if ($Expect -and $out -notmatch $Expect) { throw "'$File' did not print $Expect`: $out" }
    $clock.Elapsed.TotalMilliseconds
}

function Get-Median([double[]] $Values) {
    $sorted = $Values | Sort-Object
    if ($sorted.Count % 2) { $sorted[[int][math]::Floor($sorted.Count / 2)] } else { ($sorted[$sorted.Count / 2 - 1] + $sorted[$sorted.Count / 2]) / 2 }
}

Export-ModuleMember -Function Measure-Process, Get-Median
