# Loads the compiled cmdlets built for this edition of PowerShell.
$edition = if ($PSEdition -eq 'Core') { 'core' } else { 'desktop' }
$binaryModule = Import-Module -Name (Join-Path $PSScriptRoot "$edition/CasAws.Cmdlets.dll") -PassThru
Export-ModuleMember -Cmdlet $binaryModule.ExportedCmdlets.Keys

$MyInvocation.MyCommand.ScriptBlock.Module.OnRemove = {
    Remove-Module -ModuleInfo $binaryModule -Force -ErrorAction SilentlyContinue
}
