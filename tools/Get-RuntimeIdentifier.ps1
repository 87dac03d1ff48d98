<#
.SYNOPSIS
    The .NET runtime identifier of this machine (win-x64, linux-arm64, osx-arm64, ...): the folder
    under artifacts/CasAws/bin/ that Register-CasAwsProfile looks in for the credential_process helper.
#>
$os = if ($IsWindows -or $PSVersionTable.PSEdition -eq 'Desktop') { 'win' } elseif ($IsMacOS) { 'osx' } else { 'linux' }
$arch = [System.Runtime.InteropServices.RuntimeInformation]::OSArchitecture.ToString().ToLowerInvariant()
"$os-$arch"
