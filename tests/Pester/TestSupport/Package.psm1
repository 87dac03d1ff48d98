<#
.SYNOPSIS
    Test helpers for the package: get a package made from the sources as they are,
    make a "newer version" of it, read its entries, and run a fresh pwsh as a user with another HOME.
#>
Set-StrictMode -Version 3.0
Import-Module (Join-Path $PSScriptRoot 'CapturedProcess.psm1')

function Get-FreshCasAwsPackage {
    <#
    .SYNOPSIS
        The package made from the sources as they are: tools/Build-Package.ps1 -IfChanged keeps the one
        in artifacts/package when its inputs have not changed, waits for a build already under way (the
        test command starts one beside the xunit stage), and otherwise makes it from the compiled tree
        (./build.ps1 test builds that first). Throws when there is still none: a test must never pass
        without a package.
    .OUTPUTS
        Path, and BuildSeconds (the time spent here, waiting or building).
    #>
    [CmdletBinding()]
    param()
    $root = $env:CASAWS_REPO_ROOT
    $destination = Join-Path $root 'artifacts/package'
    $configuration = if ($env:CASAWS_CONFIGURATION) { $env:CASAWS_CONFIGURATION } else { 'Release' }
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    & (Join-Path $root 'tools/Build-Package.ps1') -Root $root -Configuration $configuration -Destination $destination -IfChanged | Out-Host
    $package = Get-ChildItem $destination -Filter 'CasAws.*.nupkg' -ErrorAction SilentlyContinue | Select-Object -First 1
    if (-not $package) { throw "No package in '$destination': 'dotnet pwsh ./build.ps1 package' makes it." }
    [pscustomobject]@{ Path = $package.FullName; BuildSeconds = $watch.Elapsed.TotalSeconds }
}

function New-CasAwsPackageVersion {
    <#
    .SYNOPSIS
        Copies a package as another version (nuspec and manifest rewritten, every other entry as it was,
        modes included): what the next release looks like to Install-PSResource and Update-PSResource.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $Path, [Parameter(Mandatory)] [string] $Version, [Parameter(Mandatory)] [string] $Destination)
    Add-Type -AssemblyName System.IO.Compression
    $target = Join-Path $Destination "CasAws.$Version.nupkg"
    Copy-Item -LiteralPath $Path -Destination $target
    $archive = [System.IO.Compression.ZipFile]::Open($target, [System.IO.Compression.ZipArchiveMode]::Update)
    try {
        foreach ($name in 'CasAws.nuspec', 'CasAws.psd1') {
            $entry = $archive.GetEntry($name)
            $reader = [System.IO.StreamReader]::new($entry.Open(), [System.Text.UTF8Encoding]::new($true))
            $text = $reader.ReadToEnd(); $reader.Dispose()
            $text = $text -replace '<version>[^<]+</version>', "<version>$Version</version>" -replace "ModuleVersion(\s*)=(\s*)'[^']+'", "ModuleVersion`$1=`$2'$Version'"
            $entry.Delete()
            $writer = [System.IO.StreamWriter]::new($archive.CreateEntry($name).Open(), [System.Text.UTF8Encoding]::new($name -like '*.psd1'))
            $writer.Write($text); $writer.Dispose()
        }
    } finally {
        $archive.Dispose()
    }
    $target
}

function Get-PackageEntry {
    <# .SYNOPSIS Each entry of a package: FullName, Length, Mode (the Unix mode bits it carries), and its first bytes. #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $Path)
    Add-Type -AssemblyName System.IO.Compression
    $archive = [System.IO.Compression.ZipFile]::OpenRead($Path)
    try {
        foreach ($entry in $archive.Entries) {
            $head = [byte[]]::new(16384)
            $stream = $entry.Open()
            $read = 0
            while ($read -lt $head.Length) { $n = $stream.Read($head, $read, $head.Length - $read); if ($n -le 0) { break }; $read += $n }
            $stream.Dispose()
            [pscustomobject]@{
                FullName = $entry.FullName; Length = $entry.Length; CompressedLength = $entry.CompressedLength
                Mode = ($entry.ExternalAttributes -shr 16) -band 0xFFFF; Head = $head[0..([Math]::Max(0, $read - 1))]
            }
        }
    } finally {
        $archive.Dispose()
    }
}

function Find-PackageText {
    <#
    .SYNOPSIS
        Each entry of a package that holds one of the texts, in UTF-8 or UTF-16 (as .NET strings are
        stored in assemblies): Entry, Text, Encoding. Every byte of every entry is read.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $Path, [Parameter(Mandatory)] [string[]] $Text)
    Add-Type -AssemblyName System.IO.Compression
    # Latin-1 maps each byte to one char, so an ordinal search of the decoded entry is a byte search.
    $latin1 = [System.Text.Encoding]::Latin1
    $needles = foreach ($item in $Text) {
        foreach ($encoding in [System.Text.Encoding]::UTF8, [System.Text.Encoding]::Unicode) {
            [pscustomobject]@{ Text = $item; Encoding = $encoding.WebName; Bytes = $latin1.GetString($encoding.GetBytes($item)) }
        }
    }
    $archive = [System.IO.Compression.ZipFile]::OpenRead($Path)
    try {
        foreach ($entry in $archive.Entries) {
            $buffer = [System.IO.MemoryStream]::new()
            $stream = $entry.Open()
            try { $stream.CopyTo($buffer) } finally { $stream.Dispose() }
            $content = $latin1.GetString($buffer.GetBuffer(), 0, [int] $buffer.Length)
            foreach ($needle in $needles) {
                if ($content.IndexOf($needle.Bytes, [StringComparison]::Ordinal) -ge 0) {
                    [pscustomobject]@{ Entry = $entry.FullName; Text = $needle.Text; Encoding = $needle.Encoding }
                }
            }
        }
    } finally {
        $archive.Dispose()
    }
}

function Get-ExecutableFormat {
    <#
    .SYNOPSIS
        What the first bytes of an executable say: Format (ELF, Mach-O, PE), Architecture (x64, arm64),
        and for Mach-O whether it carries a code signature (macOS on arm64 runs only signed code).
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [byte[]] $Head)
    $u16 = { param($offset) [BitConverter]::ToUInt16($Head, $offset) }
    $u32 = { param($offset) [BitConverter]::ToUInt32($Head, $offset) }
    if ($Head.Length -ge 20 -and $Head[0] -eq 0x7F -and $Head[1] -eq 0x45 -and $Head[2] -eq 0x4C -and $Head[3] -eq 0x46) {
        $machine = & $u16 18
        return [pscustomobject]@{ Format = 'ELF'; Architecture = @{ 0x3E = 'x64'; 0xB7 = 'arm64' }[[int] $machine]; Signed = $null }
    }
    if ($Head.Length -ge 32 -and (& $u32 0) -eq 0xFEEDFACFu) {
        $architecture = @{ 0x01000007 = 'x64'; 0x0100000C = 'arm64' }[[int] (& $u32 4)]
        $signed = $false
        $offset = 32
        for ($i = 0; $i -lt (& $u32 16) -and $offset + 8 -le $Head.Length; $i++) {
            if ((& $u32 $offset) -eq 0x1D) { $signed = $true }   # LC_CODE_SIGNATURE
            $offset += & $u32 ($offset + 4)
        }
        return [pscustomobject]@{ Format = 'Mach-O'; Architecture = $architecture; Signed = $signed }
    }
    if ($Head.Length -ge 64 -and $Head[0] -eq 0x4D -and $Head[1] -eq 0x5A) {
        $pe = & $u32 0x3C
        $machine = & $u16 ($pe + 4)
        return [pscustomobject]@{ Format = 'PE'; Architecture = @{ 0x8664 = 'x64'; 0xAA64 = 'arm64' }[[int] $machine]; Signed = $null }
    }
    [pscustomobject]@{ Format = 'unknown'; Architecture = $null; Signed = $null }
}

function Invoke-FreshPwsh {
    <#
    .SYNOPSIS
        Runs a script in a new pwsh as a user whose home is -HomePath: no PSModulePath, XDG, AWS_* or
        CASAWS_* variables from this process, so PowerShell, PSResourceGet, CasAws and the AWS CLI
        find everything under that home. The script's last output line, JSON, comes back as Result.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $HomePath,
        [Parameter(Mandatory)] [string] $Script,
        [hashtable] $Environment = @{}
    )
    $scriptPath = Join-Path $HomePath ('.casaws-test-' + [guid]::NewGuid().ToString('N').Substring(0, 8) + '.ps1')
    Set-Content -LiteralPath $scriptPath -Value $Script -Encoding utf8NoBOM
    $pwsh = [System.Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
    $info = [System.Diagnostics.ProcessStartInfo]::new($pwsh)
    if ([System.IO.Path]::GetFileNameWithoutExtension($pwsh) -eq 'dotnet') { $info.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }
    foreach ($argument in '-NoProfile', '-NonInteractive', '-File', $scriptPath) { $info.ArgumentList.Add($argument) }
    foreach ($name in @($info.Environment.Keys)) {
        if ($name -like 'AWS_*' -or $name -like 'CASAWS_*' -or $name -like 'XDG_*' -or $name -eq 'PSModulePath') { [void] $info.Environment.Remove($name) }
    }
    $info.Environment['HOME'] = $HomePath
    foreach ($key in $Environment.Keys) { $info.Environment[$key] = [string] $Environment[$key] }
    try {
        $run = Invoke-CapturedProcess -StartInfo $info
    } finally {
        Remove-Item -LiteralPath $scriptPath -ErrorAction SilentlyContinue
    }
    $lines = @($run.StdOut -split "`n" | Where-Object { $_.Trim() })
    $result = if ($lines.Count -and $lines[-1].TrimStart().StartsWith('{')) { $lines[-1] | ConvertFrom-Json } else { $null }
    [pscustomobject]@{ ExitCode = $run.ExitCode; StdOut = $run.StdOut; StdErr = $run.StdErr; Result = $result }
}

Export-ModuleMember -Function Get-FreshCasAwsPackage, New-CasAwsPackageVersion, Get-PackageEntry, Find-PackageText, Get-ExecutableFormat, Invoke-FreshPwsh
