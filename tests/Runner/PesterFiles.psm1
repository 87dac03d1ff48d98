<#
.SYNOPSIS
    Which Pester files a run takes, in which order, and whether any of them needs the package: one place
    for tests/Invoke-AllTests.ps1 (which builds the package beside the tests when one does) and
    tests/Pester/Invoke-PesterSuite.ps1 (which runs them).
#>
Set-StrictMode -Version 3.0

function Get-PesterFileSelection {
    <#
    .SYNOPSIS
        Files: the *.Tests.ps1 files under -Directory whose names contain -Filter (all without one; all
        too when no file name does, and then NameFilter is the text the test names are matched with).
        First those with a line '# Runs early: <why>' (they mostly wait on real time, which then overlaps
        with the other stages' work instead of ending the run); last those that wait for something the
        run makes meanwhile: a tool installed in the background (Wait-TestPrerequisite), then the
        package (Get-FreshCasAwsPackage, built beside the build and the xunit stage).
        NeedsPackage: one of the files calls Get-FreshCasAwsPackage and no test-name filter applies (which
        tests a name matches is known only once Pester has read the files).
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $Directory, [string] $Filter)
    $files = @(Get-ChildItem -LiteralPath $Directory -Filter '*.Tests.ps1' | Sort-Object Name)
    $nameFilter = $null
    if ($Filter) {
        $named = @($files | Where-Object { $_.Name.Contains($Filter, [StringComparison]::OrdinalIgnoreCase) })
        if ($named.Count -gt 0) { $files = $named } else { $nameFilter = $Filter }
    }
    $waits = foreach ($file in $files) {
        $text = Get-Content -LiteralPath $file.FullName -Raw
        $place = if ($text.Contains('Get-FreshCasAwsPackage')) { 3 } elseif ($text.Contains('Wait-TestPrerequisite')) { 2 } elseif ($text -match '(?m)^# Runs early: ') { 0 } else { 1 }
        [pscustomobject]@{ File = $file; Place = $place }
    }
    [pscustomobject]@{
        Files        = @($waits | Sort-Object Place, { $_.File.Name } | ForEach-Object File)
        NameFilter   = $nameFilter
        NeedsPackage = -not $nameFilter -and [bool] @($waits | Where-Object Place -EQ 3)
    }
}

Export-ModuleMember -Function Get-PesterFileSelection
