# Loads the compiled cmdlets built for this edition of PowerShell. Kept to what the engine has
# loaded already: Join-Path would auto-load Microsoft.PowerShell.Management and Export-ModuleMember
# costs as much again (the manifest's CmdletsToExport picks the exports), each ~100 ms per import.
$edition = if ($PSEdition -eq 'Core') { 'core' } else { 'desktop' }
$binaryModule = Import-Module -Name "$PSScriptRoot/$edition/CasAws.Cmdlets.dll" -PassThru

$ExecutionContext.SessionState.Module.OnRemove = {
    Remove-Module -ModuleInfo $binaryModule -Force -ErrorAction SilentlyContinue
}
