<#
.SYNOPSIS
    Builds the module's help from markdown: docs/help/<Verb-Noun>.md become MAML
    (CasAws.Cmdlets.dll-Help.xml) and docs/help/about_*.md become about_*.help.txt.
.DESCRIPTION
    PlatyPS is not available, so this is a small converter for the markdown layout described in
    docs/help/README.md. Text (synopsis, description, examples, parameter descriptions) comes from
    the markdown; what the code already knows (parameter types, sets, positions, mandatory,
    pipeline input, aliases) is read from the built cmdlets, so it cannot go stale.
    Run it in a separate pwsh (Build-ModuleLayout.ps1 does): it imports the built module.
    Writes a warning for every cmdlet, parameter or example the markdown lacks; the Pester help
    tests fail on the same gaps.
#>
param(
    [Parameter(Mandatory)] [string] $ModuleDirectory,
    [Parameter(Mandatory)] [string] $SourceDirectory
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$commonParameters = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters

function ConvertFrom-HelpMarkdown {
    # Splits a markdown file into '## SECTION' blocks, each with its '### Sub' blocks.
    param([string] $Path)
    $sections = [ordered]@{}
    $current = $null; $sub = $null
    foreach ($line in (Get-Content -LiteralPath $Path -Encoding utf8)) {
        if ($line -match '^## (.+)$') {
            $current = [ordered]@{ Text = [System.Collections.Generic.List[string]]::new(); Subs = [ordered]@{} }
            $sections[$Matches[1].Trim().ToUpperInvariant()] = $current; $sub = $null
        } elseif ($line -match '^### (.+)$' -and $current) {
            $sub = [System.Collections.Generic.List[string]]::new()
            $current.Subs[$Matches[1].Trim()] = $sub
        } elseif ($null -ne $sub) {
            $sub.Add($line)
        } elseif ($current) {
            $current.Text.Add($line)
        }
    }
    $sections
}

function Split-Paragraph {
    # Blank-line separated paragraphs; lines inside a paragraph are joined with spaces. Code fences stay whole.
    param([string[]] $Lines)
    $paragraphs = [System.Collections.Generic.List[string]]::new()
    $buffer = [System.Collections.Generic.List[string]]::new()
    $inFence = $false
    foreach ($line in $Lines) {
        if ($line -match '^```') { $inFence = -not $inFence; continue }
        if ($inFence) { $buffer.Add('    ' + $line); continue }
        if ($line.Trim() -eq '') {
            if ($buffer.Count) { $paragraphs.Add((Join-Line $buffer)); $buffer.Clear() }
        } else { $buffer.Add($line) }
    }
    if ($buffer.Count) { $paragraphs.Add((Join-Line $buffer)) }
    , $paragraphs
}

function Join-Line {
    param($Lines)
    # Indented (code) or list lines keep their line breaks; prose is joined into one line.
    if (@($Lines | Where-Object { $_ -match '^(\s{4}|\s*[-*] |\s*\d+\. )' }).Count) { return ($Lines -join "`n") }
    ($Lines | ForEach-Object { $_.Trim() }) -join ' '
}

function Remove-Markdown {
    param([string] $Text)
    ($Text -replace '`([^`]*)`', '$1' -replace '\*\*([^*]+)\*\*', '$1' -replace '\[([^\]]+)\]\([^)]+\)', '$1')
}

function Write-Para {
    param([System.Xml.XmlWriter] $Writer, [string[]] $Lines)
    $paragraphs = Split-Paragraph $Lines
    if (-not $paragraphs.Count) { $paragraphs = @('') }
    foreach ($p in $paragraphs) { $Writer.WriteElementString('maml', 'para', $ns.maml, (Remove-Markdown $p)) }
}

function Get-ParameterInfo {
    param($Command, [string] $Name)
    $parameter = $Command.Parameters[$Name]
    $attributes = @($parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] })
    [pscustomobject]@{
        Name      = $Name
        Type      = $parameter.ParameterType
        Required  = [bool]($attributes | Where-Object Mandatory)
        Position  = if ($p = $attributes | Where-Object { $_.Position -ge 0 } | Select-Object -First 1) { "$($p.Position)" } else { 'named' }
        Pipeline  = @(
            if ($attributes | Where-Object ValueFromPipeline) { 'ByValue' }
            if ($attributes | Where-Object ValueFromPipelineByPropertyName) { 'ByPropertyName' }
        )
        Aliases   = @($parameter.Aliases)
        Wildcards = [bool]($parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
    }
}

function Write-Parameter {
    param([System.Xml.XmlWriter] $Writer, $Info, [string[]] $Description, [bool] $InSyntax)
    $w = $Writer
    $w.WriteStartElement('command', 'parameter', $ns.command)
    $w.WriteAttributeString('required', $Info.Required.ToString().ToLowerInvariant())
    $w.WriteAttributeString('variableLength', 'true')
    $w.WriteAttributeString('globbing', $Info.Wildcards.ToString().ToLowerInvariant())
    $pipeline = if ($Info.Pipeline.Count) { "True ($($Info.Pipeline -join ', '))" } else { 'False' }
    $w.WriteAttributeString('pipelineInput', $pipeline)
    $w.WriteAttributeString('position', $Info.Position)
    $w.WriteAttributeString('aliases', $(if ($Info.Aliases.Count) { $Info.Aliases -join ', ' } else { 'none' }))
    $w.WriteElementString('maml', 'name', $ns.maml, $Info.Name)
    $w.WriteStartElement('maml', 'description', $ns.maml); Write-Para $w $Description; $w.WriteEndElement()
    $isSwitch = $Info.Type -eq [System.Management.Automation.SwitchParameter]
    $typeName = if ($Info.Type.IsGenericType -and $Info.Type.GetGenericTypeDefinition() -eq [Nullable`1]) { $Info.Type.GetGenericArguments()[0] } else { $Info.Type }
    if (-not ($InSyntax -and $isSwitch)) {
        $w.WriteStartElement('command', 'parameterValue', $ns.command)
        $w.WriteAttributeString('required', (-not $isSwitch).ToString().ToLowerInvariant())
        $w.WriteAttributeString('variableLength', 'false')
        $w.WriteString($typeName.Name); $w.WriteEndElement()
    }
    $w.WriteStartElement('dev', 'type', $ns.dev); $w.WriteElementString('maml', 'name', $ns.maml, $typeName.FullName); $w.WriteEndElement()
    $w.WriteElementString('dev', 'defaultValue', $ns.dev, 'None')
    $w.WriteEndElement()
}

function Write-TypeList {
    param([System.Xml.XmlWriter] $Writer, [string] $ListElement, [string] $ItemElement, $Section)
    $Writer.WriteStartElement('command', $ListElement, $ns.command)
    if ($Section) {
        foreach ($typeName in $Section.Subs.Keys) {
            $Writer.WriteStartElement('command', $ItemElement, $ns.command)
            $Writer.WriteStartElement('dev', 'type', $ns.dev); $Writer.WriteElementString('maml', 'name', $ns.maml, $typeName); $Writer.WriteEndElement()
            $Writer.WriteStartElement('maml', 'description', $ns.maml); Write-Para $Writer $Section.Subs[$typeName]; $Writer.WriteEndElement()
            $Writer.WriteEndElement()
        }
    }
    $Writer.WriteEndElement()
}

function Write-CommandHelp {
    param([System.Xml.XmlWriter] $Writer, $Command, $Markdown)
    $w = $Writer
    $w.WriteStartElement('command', 'command', $ns.command)
    $w.WriteStartElement('command', 'details', $ns.command)
    $w.WriteElementString('command', 'name', $ns.command, $Command.Name)
    $w.WriteElementString('command', 'verb', $ns.command, $Command.Verb)
    $w.WriteElementString('command', 'noun', $ns.command, $Command.Noun)
    $w.WriteStartElement('maml', 'description', $ns.maml); Write-Para $w $Markdown['SYNOPSIS'].Text; $w.WriteEndElement()
    $w.WriteEndElement()
    $w.WriteStartElement('maml', 'description', $ns.maml); Write-Para $w $Markdown['DESCRIPTION'].Text; $w.WriteEndElement()

    $described = if ($Markdown.Contains('PARAMETERS')) { $Markdown['PARAMETERS'].Subs } else { @{} }
    $ownParameters = @($Command.Parameters.Keys | Where-Object { $_ -notin $commonParameters })
    foreach ($name in $ownParameters) {
        if (-not $described.Contains("-$name")) { Write-Warning "$($Command.Name): parameter -$name has no '### -$name' in its markdown." }
    }

    $w.WriteStartElement('command', 'syntax', $ns.command)
    foreach ($set in $Command.ParameterSets) {
        $w.WriteStartElement('command', 'syntaxItem', $ns.command)
        $w.WriteElementString('maml', 'name', $ns.maml, $Command.Name)
        foreach ($parameter in $set.Parameters | Where-Object { $_.Name -notin $commonParameters } | Sort-Object { if ($_.Position -ge 0) { $_.Position } else { 1000 } }) {
            $info = Get-ParameterInfo $Command $parameter.Name
            $info.Required = $parameter.IsMandatory
            $info.Position = if ($parameter.Position -ge 0) { "$($parameter.Position)" } else { 'named' }
            Write-Parameter $w $info @($described["-$($parameter.Name)"]) $true
        }
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    $w.WriteStartElement('command', 'parameters', $ns.command)
    foreach ($name in $ownParameters) { Write-Parameter $w (Get-ParameterInfo $Command $name) @($described["-$name"]) $false }
    $w.WriteEndElement()

    Write-TypeList $w 'inputTypes' 'inputType' $(if ($Markdown.Contains('INPUTS')) { $Markdown['INPUTS'] })
    Write-TypeList $w 'returnValues' 'returnValue' $(if ($Markdown.Contains('OUTPUTS')) { $Markdown['OUTPUTS'] })

    if ($Markdown.Contains('NOTES')) {
        $w.WriteStartElement('maml', 'alertSet', $ns.maml); $w.WriteStartElement('maml', 'alert', $ns.maml)
        Write-Para $w $Markdown['NOTES'].Text
        $w.WriteEndElement(); $w.WriteEndElement()
    }

    $w.WriteStartElement('command', 'examples', $ns.command)
    $examples = if ($Markdown.Contains('EXAMPLES')) { $Markdown['EXAMPLES'].Subs } else { @{} }
    if ($examples.Count -lt 2) { Write-Warning "$($Command.Name): fewer than two examples." }
    foreach ($title in $examples.Keys) {
        $lines = $examples[$title]
        $code = [System.Collections.Generic.List[string]]::new(); $remarks = [System.Collections.Generic.List[string]]::new()
        $inFence = $false; $seenFence = $false
        foreach ($line in $lines) {
            if ($line -match '^```') { $inFence = -not $inFence; $seenFence = $true; continue }
            if ($inFence) { $code.Add($line) } elseif ($seenFence) { $remarks.Add($line) }
        }
        $w.WriteStartElement('command', 'example', $ns.command)
        $w.WriteElementString('maml', 'title', $ns.maml, "-------------------------- $title --------------------------")
        $w.WriteElementString('dev', 'code', $ns.dev, ($code -join "`n"))
        $w.WriteStartElement('dev', 'remarks', $ns.dev); Write-Para $w $remarks
        $w.WriteElementString('maml', 'para', $ns.maml, ''); $w.WriteEndElement()   # a blank line before the next example
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    $w.WriteStartElement('command', 'relatedLinks', $ns.command)
    if ($Markdown.Contains('RELATED LINKS')) {
        foreach ($line in $Markdown['RELATED LINKS'].Text) {
            if ($line -match '^\s*[-*]?\s*\[([^\]]+)\]\(([^)]*)\)') {
                $w.WriteStartElement('maml', 'navigationLink', $ns.maml)
                $w.WriteElementString('maml', 'linkText', $ns.maml, $Matches[1])
                $w.WriteElementString('maml', 'uri', $ns.maml, $Matches[2])
                $w.WriteEndElement()
            }
        }
    }
    $w.WriteEndElement()
    $w.WriteEndElement()
}

$ns = @{
    maml    = 'http://schemas.microsoft.com/maml/2004/10'
    command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
}

$module = Import-Module (Join-Path $ModuleDirectory 'CasAws.psd1') -PassThru -Force
$settings = [System.Xml.XmlWriterSettings]::new()
$settings.Indent = $true
$settings.Encoding = [System.Text.UTF8Encoding]::new($false)
$memory = [System.IO.MemoryStream]::new()
$w = [System.Xml.XmlWriter]::Create($memory, $settings)
$w.WriteStartDocument()
$w.WriteStartElement('helpItems', 'http://msh')
$w.WriteAttributeString('schema', 'maml')
$w.WriteAttributeString('xmlns', 'maml', $null, $ns.maml)
$w.WriteAttributeString('xmlns', 'command', $null, $ns.command)
$w.WriteAttributeString('xmlns', 'dev', $null, $ns.dev)
foreach ($name in $module.ExportedCmdlets.Keys | Sort-Object) {
    $source = Join-Path $SourceDirectory "$name.md"
    if (-not (Test-Path -LiteralPath $source)) { Write-Warning "$name has no help source '$source'."; continue }
    Write-CommandHelp $w (Get-Command $name -Module CasAws) (ConvertFrom-HelpMarkdown $source)
}
$w.WriteEndElement()
$w.WriteEndDocument()
$w.Flush()
$xml = $memory.ToArray()

# Cmdlet help is looked up next to the assembly that defines the cmdlets, in a culture folder.
foreach ($edition in 'core', 'desktop') {
    $folder = New-Item -ItemType Directory -Force -Path (Join-Path $ModuleDirectory "$edition/en-US")
    [System.IO.File]::WriteAllBytes((Join-Path $folder 'CasAws.Cmdlets.dll-Help.xml'), $xml)
}

# about_ topics: plain text, markdown marks removed, code kept indented.
$aboutFolder = New-Item -ItemType Directory -Force -Path (Join-Path $ModuleDirectory 'en-US')
foreach ($about in Get-ChildItem -LiteralPath $SourceDirectory -Filter 'about_*.md') {
    $text = foreach ($line in Get-Content -LiteralPath $about.FullName -Encoding utf8) {
        if ($line -match '^```') { continue }
        if ($line -match '^#{1,3} (.+)$') { $Matches[1].ToUpperInvariant(); continue }
        Remove-Markdown $line
    }
    Set-Content -LiteralPath (Join-Path $aboutFolder ($about.BaseName + '.help.txt')) -Value $text -Encoding utf8
}
