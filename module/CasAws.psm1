# Loads the compiled cmdlets built for this edition of PowerShell.
$edition = if ($PSEdition -eq 'Core') { 'core' } else { 'desktop' }
$binaryModule = Import-Module -Name (Join-Path $PSScriptRoot "$edition/CasAws.Cmdlets.dll") -PassThru
# The cast matters: a KeyCollection passed as is binds as one value and exports nothing.
Export-ModuleMember -Cmdlet ([string[]] $binaryModule.ExportedCmdlets.Keys)

$ExecutionContext.SessionState.Module.OnRemove = {
    Remove-Module -ModuleInfo $binaryModule -Force -ErrorAction SilentlyContinue
}
