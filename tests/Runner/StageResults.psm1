<#
.SYNOPSIS
    What each test stage counted, read so that a stage that did not run, was aborted or ran fewer tests
    than it found can never look green: each such problem is one failure with a line saying why.
.DESCRIPTION
    Every reader returns Stage, Passed, Failed, Skipped and Problems (sentences; each counts as a failure).
#>
Set-StrictMode -Version 3.0

function New-StageResult([string] $Stage) {
    [pscustomobject]@{ Stage = $Stage; Passed = 0; Failed = 0; Skipped = 0; Problems = [System.Collections.Generic.List[string]]::new() }
}

function Read-XunitStageResult {
    <#
    .SYNOPSIS
        Reads dotnet test's trx and exit code. The trx's own outcome counts, not only its counters: a test
        host that crashed leaves outcome Failed with every counter 0, and the run then did not complete.
    .PARAMETER Filtered
        The run was asked for a subset: finding no test is then not a problem of its own.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $TrxPath, [Parameter(Mandatory)] [int] $ExitCode, [switch] $Filtered)
    $result = New-StageResult 'xunit'
    if (-not (Test-Path -LiteralPath $TrxPath)) {
        $result.Problems.Add("xunit did not complete: dotnet test exited with code $ExitCode and wrote no results.")
        return $result
    }
    [xml] $trx = Get-Content -LiteralPath $TrxPath -Raw
    $namespace = @{ t = $trx.DocumentElement.NamespaceURI }
    $outcomes = @(Select-Xml -Xml $trx -XPath '//t:Results/t:UnitTestResult' -Namespace $namespace | ForEach-Object { $_.Node.outcome })
    $result.Passed = @($outcomes | Where-Object { $_ -eq 'Passed' }).Count
    $result.Skipped = @($outcomes | Where-Object { $_ -eq 'NotExecuted' }).Count
    $result.Failed = $outcomes.Count - $result.Passed - $result.Skipped

    $summary = (Select-Xml -Xml $trx -XPath '//t:ResultSummary' -Namespace $namespace).Node
    $messages = @(Select-Xml -Xml $trx -XPath '//t:ResultSummary/t:RunInfos/t:RunInfo/t:Text' -Namespace $namespace | ForEach-Object { $_.Node.InnerText.Trim() })
    $reason = if ($messages) { ': ' + ($messages -join ' ') } else { '' }
    $total = [int] $summary.Counters.total
    if ($summary.outcome -ne 'Completed' -and $result.Failed -eq 0) {
        $result.Problems.Add("xunit did not complete (the run's outcome is $($summary.outcome))$reason")
    } elseif ($ExitCode -ne 0 -and $result.Failed -eq 0) {
        $result.Problems.Add("xunit did not complete: dotnet test exited with code $ExitCode and no test failed$reason")
    }
    if ($outcomes.Count -lt $total) {
        $result.Problems.Add("xunit ran $($outcomes.Count) of the $total tests it found$reason")
    }
    if ($outcomes.Count -eq 0 -and -not $Filtered -and $result.Problems.Count -eq 0) {
        $result.Problems.Add('xunit ran no test.')
    }
    $result
}

function Read-PesterStageResult {
    <#
    .SYNOPSIS
        Reads the summary tests/Pester/Invoke-PesterSuite.ps1 writes at its end: none means Pester did
        not complete. A test Pester found but did not run is a problem unless a name filter left it out.
    #>
    [CmdletBinding()]
    param([string] $Name = 'Pester', [Parameter(Mandatory)] [string] $SummaryPath, [Parameter(Mandatory)] [int] $ExitCode, [switch] $Filtered)
    $result = New-StageResult $Name
    if (-not (Test-Path -LiteralPath $SummaryPath)) {
        $result.Problems.Add("$Name did not complete: it exited with code $ExitCode before writing its summary.")
        return $result
    }
    $summary = Get-Content -LiteralPath $SummaryPath -Raw | ConvertFrom-Json
    $result.Passed = [int] $summary.Passed
    $result.Failed = [int] $summary.Failed
    $result.Skipped = [int] $summary.Skipped
    if ([int] $summary.NotRun -gt 0 -and -not $summary.NameFiltered) {
        $result.Problems.Add("$Name found $($summary.NotRun) test(s) it did not run.")
    }
    if ($ExitCode -ne 0 -and $result.Failed -eq 0) {
        $result.Problems.Add("$Name exited with code $ExitCode and no test failed.")
    }
    if ($result.Passed + $result.Failed + $result.Skipped -eq 0 -and -not $Filtered) {
        $result.Problems.Add("$Name ran no test.")
    }
    $result
}

Export-ModuleMember -Function Read-XunitStageResult, Read-PesterStageResult
