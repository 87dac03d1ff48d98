Set-StrictMode -Version 3.0

function Invoke-CapturedProcess {
    <#
    .SYNOPSIS
        Starts the process -StartInfo describes (program, arguments, environment) with its output and error
        read to the end, waits for it (killing it after -TimeoutSeconds), and returns ExitCode, StdOut, StdErr
        and TimedOut. With -HoldInput its standard input is a pipe left open until it ends, as a hung parent's.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory)] [System.Diagnostics.ProcessStartInfo] $StartInfo,
        [int] $TimeoutSeconds = 0,
        [switch] $HoldInput
    )
    $StartInfo.RedirectStandardInput = $HoldInput.IsPresent
    $StartInfo.RedirectStandardOutput = $true
    $StartInfo.RedirectStandardError = $true
    $StartInfo.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($StartInfo)
    try {
        $outTask = $process.StandardOutput.ReadToEndAsync()
        $errTask = $process.StandardError.ReadToEndAsync()
        $exited = if ($TimeoutSeconds -gt 0) { $process.WaitForExit($TimeoutSeconds * 1000) } else { $process.WaitForExit(); $true }
        if (-not $exited) { $process.Kill($true) }
        if ($HoldInput) { $process.StandardInput.Dispose() }
        $process.WaitForExit()
        [pscustomobject]@{
            ExitCode = $process.ExitCode
            StdOut   = $outTask.GetAwaiter().GetResult()
            StdErr   = $errTask.GetAwaiter().GetResult()
            TimedOut = -not $exited
        }
    } finally {
        $process.Dispose()
    }
}

Export-ModuleMember -Function Invoke-CapturedProcess
