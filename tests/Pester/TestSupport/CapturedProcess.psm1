Set-StrictMode -Version 3.0

function Start-CapturedProcess {
    <#
    .SYNOPSIS
        Starts the process -StartInfo describes (program, arguments, environment) with its output and error
        read to the end in the background, and returns it for Wait-CapturedProcess: so that a test can run
        several processes that mostly wait side by side. With -HoldInput its standard input is a pipe left
        open until it ends, as a hung parent's.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory)] [System.Diagnostics.ProcessStartInfo] $StartInfo,
        [switch] $HoldInput
    )
    $StartInfo.RedirectStandardInput = $HoldInput.IsPresent
    $StartInfo.RedirectStandardOutput = $true
    $StartInfo.RedirectStandardError = $true
    $StartInfo.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($StartInfo)
    [pscustomobject]@{
        Process   = $process
        OutTask   = $process.StandardOutput.ReadToEndAsync()
        ErrTask   = $process.StandardError.ReadToEndAsync()
        HoldInput = $HoldInput.IsPresent
        Result    = $null
    }
}

function Wait-CapturedProcess {
    <#
    .SYNOPSIS
        Waits for a process from Start-CapturedProcess (killing it after -TimeoutSeconds) and returns
        ExitCode, StdOut, StdErr and TimedOut; again the same result when it was waited for before.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory, ValueFromPipeline)] [pscustomobject] $Started,
        [int] $TimeoutSeconds = 0
    )
    process {
        if ($Started.Result) { return $Started.Result }
        $process = $Started.Process
        try {
            $exited = if ($TimeoutSeconds -gt 0) { $process.WaitForExit($TimeoutSeconds * 1000) } else { $process.WaitForExit(); $true }
            if (-not $exited) { $process.Kill($true) }
            if ($Started.HoldInput) { $process.StandardInput.Dispose() }
            $process.WaitForExit()
            $Started.Result = [pscustomobject]@{
                ExitCode = $process.ExitCode
                StdOut   = $Started.OutTask.GetAwaiter().GetResult()
                StdErr   = $Started.ErrTask.GetAwaiter().GetResult()
                TimedOut = -not $exited
            }
            $Started.Result
        } finally {
            $process.Dispose()
        }
    }
}

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
    Start-CapturedProcess -StartInfo $StartInfo -HoldInput:$HoldInput | Wait-CapturedProcess -TimeoutSeconds $TimeoutSeconds
}

Export-ModuleMember -Function Start-CapturedProcess, Wait-CapturedProcess, Invoke-CapturedProcess
