<#
.SYNOPSIS
    The README's demo: starts the emulator, shows the raw CAS awsSts exchange, stops the emulator.
.DESCRIPTION
    The same exchange as the CAS blog's
        curl -X POST -d username=casuser -d password=Mellon https://sso.example.org/cas/actuator/awsSts
    done with Invoke-WebRequest against the local emulator. (The cmdlets will take over this demo.)
#>
param(
    [Parameter(Mandatory)] [string] $Root,
    [Parameter(Mandatory)] [string] $EmulatorPath,
    [Parameter(Mandatory)] [string] $ModulePath
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $Root 'tests/Pester/TestSupport/Emulator.psm1') -Force

function Show-Step([string] $Text) { Write-Host "`n== $Text" -ForegroundColor Cyan }

# Secrets are shown shortened: a demo transcript must not hold a usable key.
function Hide-Secret([string] $Body) {
    ($Body -split "`r?`n" | ForEach-Object {
        if ($_ -match '^(aws_secret_access_key|aws_session_token)=(.{6})') { "$($Matches[1])=$($Matches[2])... (hidden)" } else { $_ }
    }) -join "`n"
}

Show-Step 'Starting the CAS + Duo + STS emulator on 127.0.0.1'
$emulator = Start-CasAwsEmulator
try {
    $endpoint = "$($emulator.CasBaseHttps)/actuator/awsSts"
    Write-Host "CAS awsSts endpoint: $endpoint (started in $([int] $emulator.StartMilliseconds) ms)"

    Show-Step "POST username=casuser password=****** duration=PT1H to $endpoint"
    $response = Invoke-WebRequest -Method Post -Uri $endpoint -SkipCertificateCheck -SkipHttpErrorCheck `
        -ContentType 'application/x-www-form-urlencoded; charset=UTF-8' -Headers @{ Accept = 'text/plain' } `
        -Body @{ username = 'casuser'; password = 'Mellon'; duration = 'PT1H' }
    Write-Host "HTTP $($response.StatusCode) $($response.Headers['Content-Type'])"
    Write-Host (Hide-Secret $response.Content)
    Write-Host '(no expiration in the answer: the client adds the requested duration to the time it asked)'

    Show-Step 'The same user with a wrong password'
    $response = Invoke-WebRequest -Method Post -Uri $endpoint -SkipCertificateCheck -SkipHttpErrorCheck `
        -Body @{ username = 'casuser'; password = 'wrong'; duration = 'PT1H' }
    Write-Host "HTTP $($response.StatusCode): $($response.Content)"

    Show-Step 'A user with several roles and no roleArn'
    $response = Invoke-WebRequest -Method Post -Uri $endpoint -SkipCertificateCheck -SkipHttpErrorCheck `
        -Body @{ username = 'bob'; password = 'bob-pw'; duration = 'PT1H' }
    Write-Host "HTTP $($response.StatusCode): $($response.Content)"
} finally {
    Show-Step 'Stopping the emulator'
    Stop-CasAwsEmulator $emulator
}
