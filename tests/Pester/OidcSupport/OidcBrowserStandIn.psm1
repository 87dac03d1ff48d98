<#
.SYNOPSIS
    Stands in for the user's browser in the OpenID Connect tests: a BROWSER command that records the URL
    Connect-CasAws opens, and a thread job that follows the emulator's pages over HTTP (login form, Duo
    step) to the loopback redirect, or sends a crafted redirect there instead.
#>
Set-StrictMode -Version 3.0

function New-UrlRecorder {
    <#
    .SYNOPSIS
        An executable for BROWSER that writes the URL it is given to a file, and the file's path; with
        -HoldSeconds it then stays running that long, its command line (the URL) readable as a real browser's is.
    #>
    param([Parameter(Mandatory)] [string] $Directory, [int] $HoldSeconds)
    $urlFile = Join-Path $Directory 'authorization-url.txt'
    $script = Join-Path $Directory "record-url$HoldSeconds.sh"
    $hold = if ($HoldSeconds) { "sleep $HoldSeconds`n" } else { '' }
    Set-Content -LiteralPath $script -Value "#!/bin/sh`nprintf '%s' `"`$1`" > '$urlFile.tmp' && mv '$urlFile.tmp' '$urlFile'`n$hold" -NoNewline
    & chmod 700 $script
    [pscustomobject]@{ Command = $script; UrlFile = $urlFile }
}

function Wait-AuthorizationUrl {
    param([Parameter(Mandatory)] [string] $UrlFile, [int] $TimeoutSeconds = 60)
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
    while (-not (Test-Path -LiteralPath $UrlFile)) {
        if ([DateTime]::UtcNow -gt $deadline) { throw 'Connect-CasAws did not open a browser.' }
        Start-Sleep -Milliseconds 100
    }
    $url = Get-Content -LiteralPath $UrlFile -Raw
    Remove-Item -LiteralPath $UrlFile
    [Uri] $url
}

function Get-QueryValue([Uri] $Url, [string] $Name) {
    foreach ($pair in $Url.Query.TrimStart('?') -split '&') {
        $parts = $pair -split '=', 2
        if ($parts[0] -eq $Name) { return [Uri]::UnescapeDataString($parts[1]) }
    }
    $null
}

function Get-FormField([string] $Html, [string] $FormId, [string] $Name) {
    $form = [regex]::Match($Html, "<form[^>]*id=""$FormId""[^>]*action=""([^""]+)""[^>]*>(.*?)</form>", 'Singleline')
    if (-not $form.Success) { throw "No form '$FormId' on the page: $Html" }
    if ($Name -eq 'action') { return [Net.WebUtility]::HtmlDecode($form.Groups[1].Value) }
    [Net.WebUtility]::HtmlDecode([regex]::Match($form.Groups[2].Value, "name=""$Name"" value=""([^""]*)""").Groups[1].Value)
}

function Invoke-Page([Microsoft.PowerShell.Commands.WebRequestSession] $Session, [string] $Method, [string] $Url, [hashtable] $Form) {
    # Like a browser: no redirect followed, the session's cookies, any server certificate (the emulator's own CA).
    # HttpClient rather than Invoke-WebRequest, which fails over https with -SkipCertificateCheck in a thread job
    # ("Operation is not valid due to the current state of the object").
    $handler = [System.Net.Http.HttpClientHandler]::new()
    $handler.AllowAutoRedirect = $false
    $handler.CookieContainer = $Session.Cookies
    $handler.ServerCertificateCustomValidationCallback = [System.Net.Http.HttpClientHandler]::DangerousAcceptAnyServerCertificateValidator
    $client = [System.Net.Http.HttpClient]::new($handler)
    try {
        $message = [System.Net.Http.HttpRequestMessage]::new([System.Net.Http.HttpMethod]::new($Method.ToUpperInvariant()), $Url)
        if ($Form) {
            $pairs = [System.Collections.Generic.Dictionary[string, string]]::new()
            foreach ($key in $Form.Keys) { $pairs[$key] = [string] $Form[$key] }
            $message.Content = [System.Net.Http.FormUrlEncodedContent]::new($pairs)
        }
        $response = $client.SendAsync($message).GetAwaiter().GetResult()
        [pscustomobject]@{
            StatusCode = [int] $response.StatusCode
            Content    = $response.Content.ReadAsStringAsync().GetAwaiter().GetResult()
            Headers    = @{ Location = @(if ($response.Headers.Location) { $response.Headers.Location.OriginalString }) }
        }
    } finally {
        $client.Dispose()
    }
}

function Test-OneTimePage([Uri] $Url) {
    # Connect-CasAws's one-time login page: 127.0.0.1 and a 256-bit base64url path (the emulator is on 127.0.0.1 too).
    $Url.Host -eq '127.0.0.1' -and $Url.AbsolutePath -match '^/[A-Za-z0-9_-]{43}$'
}

function Open-OneTimePage {
    <# .SYNOPSIS Fetches Connect-CasAws's one-time login page like a browser (keeping its cookie) and returns the authorization URL it redirects to. #>
    param([Parameter(Mandatory)] [Microsoft.PowerShell.Commands.WebRequestSession] $Session, [Parameter(Mandatory)] [Uri] $Url)
    $page = Invoke-Page $Session Get $Url
    if ($page.StatusCode -ne 303) { throw "The one-time page answered $($page.StatusCode): $($page.Content)" }
    [Uri] [string] $page.Headers.Location[0]
}

function Invoke-StandInLogin {
    <#
    .SYNOPSIS
        Opens the one-time page, follows the authorization URL through the login form (and the Duo step:
        -Passcode, else a push the caller answers), then GETs the redirect like a browser; returns the page
        the redirect target answered.
    #>
    param([Parameter(Mandatory)] [Uri] $Url, [Parameter(Mandatory)] [string] $User, [Parameter(Mandatory)] [string] $Password, [string] $Passcode,
        [Microsoft.PowerShell.Commands.WebRequestSession] $Session = [Microsoft.PowerShell.Commands.WebRequestSession]::new())
    $session = $Session
    if (Test-OneTimePage $Url) { $Url = Open-OneTimePage $session $Url }
    $page = Invoke-Page $session Get $Url
    $base = [Uri] $Url
    $action = [Uri]::new($base, (Get-FormField $page.Content 'fm1' 'action'))
    $page = Invoke-Page $session Post $action @{ username = $User; password = $Password; execution = (Get-FormField $page.Content 'fm1' 'execution'); _eventId = 'submit' }
    if ($page.StatusCode -eq 200 -and $page.Content -match 'id="duoPush"') {
        $formId = if ($Passcode) { 'duoPasscode' } else { 'duoPush' }
        $form = @{ execution = (Get-FormField $page.Content $formId 'execution'); factor = $(if ($Passcode) { 'passcode' } else { 'push' }) }
        if ($Passcode) { $form.passcode = $Passcode }
        $page = Invoke-Page $session Post ([Uri]::new($base, (Get-FormField $page.Content $formId 'action'))) $form
    }
    if ($page.StatusCode -ne 302) { return [pscustomobject]@{ Redirected = $false; Status = $page.StatusCode; Content = $page.Content; AuthorizationUrl = $Url } }
    $callback = Invoke-Page $session Get ([string] $page.Headers.Location[0])
    [pscustomobject]@{ Redirected = $true; Status = $callback.StatusCode; Content = $callback.Content; AuthorizationUrl = $Url }
}

function Start-StandInBrowser {
    <#
    .SYNOPSIS
        A thread job that waits for the one-time page Connect-CasAws opens and acts on it: logs in (default),
        or -Forge first sends the loopback redirect a state of its own (a stray callback) and then logs in,
        or -InjectCode logs in through its own authorization request (its own nonce, no PKCE) and hands
        that code to Connect-CasAws's redirect.
    #>
    param(
        [Parameter(Mandatory)] [string] $UrlFile,
        [string] $User, [string] $Password, [string] $Passcode,
        [switch] $Forge, [switch] $InjectCode, [switch] $OnlyRecord
    )
    Start-ThreadJob -ArgumentList $PSCommandPath, $UrlFile, $User, $Password, $Passcode, $Forge.IsPresent, $InjectCode.IsPresent, $OnlyRecord.IsPresent -ScriptBlock {
        param($module, $urlFile, $user, $password, $passcode, $forge, $inject, $onlyRecord)
        Import-Module $module
        $page = Wait-AuthorizationUrl -UrlFile $urlFile
        if ($onlyRecord) { return [pscustomobject]@{ Url = $page } }
        $browser = [Microsoft.PowerShell.Commands.WebRequestSession]::new()
        $url = Open-OneTimePage $browser $page
        $redirect = Get-QueryValue $url 'redirect_uri'
        if ($forge) {
            $forged = Invoke-WebRequest -Uri "$($redirect)?code=forged-code&state=forged-state" -SkipHttpErrorCheck
            $result = Invoke-StandInLogin -Url $url -User $user -Password $password -Session $browser
            return $result | Add-Member -NotePropertyName Forged -NotePropertyValue ([pscustomobject]@{ Status = $forged.StatusCode; Content = $forged.Content }) -PassThru
        }
        if ($inject) {
            $own = "$($url.GetLeftPart('Path'))?response_type=code&client_id=$(Get-QueryValue $url 'client_id')&redirect_uri=$([Uri]::EscapeDataString($redirect))&scope=openid&state=mine&nonce=attacker-nonce"
            $session = [Microsoft.PowerShell.Commands.WebRequestSession]::new()
            $page = Invoke-Page $session Get $own
            $page = Invoke-Page $session Post ([Uri]::new([Uri] $own, (Get-FormField $page.Content 'fm1' 'action'))) @{ username = $user; password = $password; execution = (Get-FormField $page.Content 'fm1' 'execution') }
            $code = Get-QueryValue ([Uri] [string] $page.Headers.Location[0]) 'code'
            $answer = Invoke-Page $browser Get "$($redirect)?code=$code&state=$(Get-QueryValue $url 'state')"
            return [pscustomobject]@{ Url = $url; Status = $answer.StatusCode; Content = $answer.Content }
        }
        $result = Invoke-StandInLogin -Url $url -User $user -Password $password -Passcode $passcode -Session $browser
        $result | Add-Member -NotePropertyName Url -NotePropertyValue $url -PassThru
    }
}

Export-ModuleMember -Function New-UrlRecorder, Wait-AuthorizationUrl, Test-OneTimePage, Open-OneTimePage, Get-QueryValue, Get-FormField, Invoke-Page, Invoke-StandInLogin, Start-StandInBrowser
