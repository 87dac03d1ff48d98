<#
.SYNOPSIS
    Fills the laid-out manifest's ReleaseNotes with the CHANGELOG.md section of its ModuleVersion,
    so the notes are written once, in CHANGELOG.md. Fails when that section is missing.
#>
param(
    [Parameter(Mandatory)] [string] $ManifestPath,
    [Parameter(Mandatory)] [string] $ChangelogPath
)
$ErrorActionPreference = 'Stop'

$manifest = Get-Content -LiteralPath $ManifestPath -Raw
$version = [regex]::Match($manifest, "ModuleVersion\s*=\s*'([^']+)'").Groups[1].Value
$changelog = (Get-Content -LiteralPath $ChangelogPath -Raw) -replace "`r`n", "`n"
$section = [regex]::Match($changelog, "(?ms)^## \[$([regex]::Escape($version))\][^\n]*\n(.*?)(?=^## |\z)")
if (-not $section.Success -or -not $section.Groups[1].Value.Trim()) {
    throw "CHANGELOG.md has no '## [$version]' section with notes for ModuleVersion ${version}: add one before building."
}

$notes = $section.Groups[1].Value.Trim() -replace "'", "''"
$placeholder = "ReleaseNotes = ''"
if (-not $manifest.Contains($placeholder)) { throw "$ManifestPath has no `"$placeholder`" line to fill." }
$manifest = $manifest.Replace($placeholder, "ReleaseNotes = '$notes'")
[System.IO.File]::WriteAllText($ManifestPath, $manifest, [System.Text.UTF8Encoding]::new($true))   # a BOM: Windows PowerShell 5.1 reads a manifest without one as ANSI
