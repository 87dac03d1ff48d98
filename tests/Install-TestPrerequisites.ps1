<#
.SYNOPSIS
    Installs what the tests need beyond the .NET SDK: the real AWS CLI (Debian's awscli).
.DESCRIPTION
    Only installs when missing and when it can (root with apt-get); otherwise the tests that
    need the AWS CLI say so and are skipped.
#>
$ErrorActionPreference = 'Stop'
# Debian's package is the AWS CLI the tests are written against; another 'aws' earlier on PATH
# (a pip install, say) may be a different major version.
if ($IsLinux -and (Test-Path /usr/bin/aws)) { return }
if (-not $IsLinux -and (Get-Command aws -ErrorAction SilentlyContinue)) { return }
$canApt = $IsLinux -and (Get-Command apt-get -ErrorAction SilentlyContinue) -and ((& id -u) -eq '0')
if (-not $canApt) {
    Write-Warning 'The AWS CLI is not installed; tests that drive it will be skipped. Install it (apt-get install awscli) to run them.'
    return
}
Write-Host 'Installing the AWS CLI (apt-get install awscli) for the tests that drive it...'
$env:DEBIAN_FRONTEND = 'noninteractive'
& apt-get update -qq | Out-Null
& apt-get install -y -qq awscli | Out-Null
if ($LASTEXITCODE -ne 0) { Write-Warning 'apt-get install awscli failed; tests that drive the AWS CLI will be skipped.' }
