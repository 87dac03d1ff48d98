<#
.SYNOPSIS
    A small Chrome DevTools Protocol driver for the headless Chromium Debian ships: it attaches to a
    Chromium that someone else started (Connect-CasAws through BROWSER), evaluates script in the page,
    types into fields and clicks, over a ClientWebSocket. Nothing is downloaded.
#>
Set-StrictMode -Version 3.0

function Get-ChromiumPath {
    foreach ($name in 'chromium', 'chromium-browser') {
        $command = Get-Command $name -CommandType Application -ErrorAction Ignore | Select-Object -First 1
        if ($command) { return $command.Source }
    }
    $null
}

function New-ChromiumLauncher {
    <#
    .SYNOPSIS
        Writes an executable script for BROWSER: it starts headless Chromium at the URL it is given, with
        remote debugging on a free port, in a fresh profile, and records Chromium's process id.
    #>
    param([Parameter(Mandatory)] [string] $Directory)
    $chromium = Get-ChromiumPath
    if (-not $chromium) { throw 'chromium is not installed.' }
    $profileDir = Join-Path $Directory 'profile'
    $launcher = Join-Path $Directory 'open-in-chromium.sh'
    $script = @"
#!/bin/sh
'$chromium' --headless=new --no-sandbox --disable-gpu --no-first-run --no-default-browser-check --disable-extensions --disable-background-networking --remote-debugging-address=127.0.0.1 --remote-debugging-port=0 --user-data-dir='$profileDir' "`$1" >'$Directory/chromium.log' 2>&1 &
echo `$! > '$Directory/chromium.pid'
"@
    Set-Content -LiteralPath $launcher -Value $script -NoNewline
    & chmod 700 $launcher
    [pscustomobject]@{ Launcher = $launcher; ProfileDirectory = $profileDir; PidFile = (Join-Path $Directory 'chromium.pid') }
}

function Stop-Chromium {
    param([Parameter(Mandatory)] [object] $Launcher)
    if (Test-Path -LiteralPath $Launcher.PidFile) {
        $id = [int](Get-Content -LiteralPath $Launcher.PidFile -Raw)
        # The whole tree, waited for: Chromium's renderer and zygote processes otherwise go on writing
        # into the profile folder for a moment, and the test's temporary folder is left behind.
        $chromium = Get-Process -Id $id -ErrorAction Ignore
        if ($chromium) {
            $chromium.Kill($true)
            [void] $chromium.WaitForExit(10000)
        }
        Remove-Item -LiteralPath $Launcher.PidFile
    }
}

function Connect-CdpPage {
    <# .SYNOPSIS Waits for the Chromium of a profile to listen, then attaches to its page (a URL part picks the tab). #>
    param([Parameter(Mandatory)] [object] $Launcher, [int] $TimeoutSeconds = 60)
    $portFile = Join-Path $Launcher.ProfileDirectory 'DevToolsActivePort'
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
    $page = $null
    while (-not $page) {
        if ([DateTime]::UtcNow -gt $deadline) { throw "Chromium did not start within $TimeoutSeconds s." }
        Start-Sleep -Milliseconds 200
        if (-not (Test-Path -LiteralPath $portFile)) { continue }
        $port = (Get-Content -LiteralPath $portFile | Select-Object -First 1).Trim()
        if (-not $port) { continue }
        try {
            $targets = (Invoke-WebRequest -Uri "http://127.0.0.1:$port/json/list" -TimeoutSec 5).Content | ConvertFrom-Json -NoEnumerate
            $page = @($targets) | ForEach-Object { $_ } | Where-Object { $_.PSObject.Properties['type'] -and $_.type -eq 'page' } | Select-Object -First 1
        } catch { $page = $null }
    }
    $socket = [System.Net.WebSockets.ClientWebSocket]::new()
    $socket.Options.KeepAliveInterval = [TimeSpan]::Zero
    [void] $socket.ConnectAsync([Uri] $page.webSocketDebuggerUrl, [Threading.CancellationToken]::None).GetAwaiter().GetResult()
    [pscustomobject]@{ Socket = $socket; NextId = 1 }
}

function Invoke-Cdp {
    <# .SYNOPSIS Sends one DevTools command and returns its result (events in between are skipped). #>
    param([Parameter(Mandatory)] [object] $Page, [Parameter(Mandatory)] [string] $Method, [hashtable] $Params = @{})
    $id = $Page.NextId++
    $json = @{ id = $id; method = $Method; params = $Params } | ConvertTo-Json -Depth 10 -Compress
    $bytes = [Text.Encoding]::UTF8.GetBytes($json)
    [void] $Page.Socket.SendAsync([ArraySegment[byte]]::new($bytes), 'Text', $true, [Threading.CancellationToken]::None).GetAwaiter().GetResult()
    $buffer = [byte[]]::new(1MB)
    while ($true) {
        $stream = [IO.MemoryStream]::new()
        do {
            $result = $Page.Socket.ReceiveAsync([ArraySegment[byte]]::new($buffer), [Threading.CancellationToken]::None).GetAwaiter().GetResult()
            $stream.Write($buffer, 0, $result.Count)
        } while (-not $result.EndOfMessage)
        $message = [Text.Encoding]::UTF8.GetString($stream.ToArray()) | ConvertFrom-Json
        if ($message.PSObject.Properties['id'] -and $message.id -eq $id) {
            if ($message.PSObject.Properties['error']) { throw "CDP $Method failed: $($message.error.message)" }
            return $message.result
        }
    }
}

function Invoke-CdpScript {
    <# .SYNOPSIS The value of a JavaScript expression in the page. #>
    param([Parameter(Mandatory)] [object] $Page, [Parameter(Mandatory)] [string] $Expression)
    $result = Invoke-Cdp $Page 'Runtime.evaluate' @{ expression = $Expression; returnByValue = $true; awaitPromise = $true }
    if ($result.PSObject.Properties['exceptionDetails']) { throw "Script failed: $($result.exceptionDetails.text)" }
    if ($result.result.PSObject.Properties['value']) { $result.result.value } else { $null }
}

function Wait-CdpCondition {
    <# .SYNOPSIS Polls a JavaScript expression until it is truthy (navigation in between is fine). #>
    param([Parameter(Mandatory)] [object] $Page, [Parameter(Mandatory)] [string] $Expression, [int] $TimeoutSeconds = 30)
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
    while ([DateTime]::UtcNow -lt $deadline) {
        try { if (Invoke-CdpScript $Page "!!($Expression)") { return } } catch { }
        Start-Sleep -Milliseconds 200
    }
    $text = try { Invoke-CdpScript $Page 'document.location.href + " :: " + document.body.innerText' } catch { '(no page)' }
    throw "Timed out waiting for '$Expression'; the page is: $text"
}

function Set-CdpField {
    <# .SYNOPSIS Focuses a field and types text into it, as a user would. #>
    param([Parameter(Mandatory)] [object] $Page, [Parameter(Mandatory)] [string] $Selector, [Parameter(Mandatory)] [string] $Text)
    Invoke-CdpScript $Page "document.querySelector('$Selector').focus()" | Out-Null
    Invoke-Cdp $Page 'Input.insertText' @{ text = $Text } | Out-Null
}

function Invoke-CdpClick {
    param([Parameter(Mandatory)] [object] $Page, [Parameter(Mandatory)] [string] $Selector)
    Invoke-CdpScript $Page "document.querySelector('$Selector').click()" | Out-Null
}

function Disconnect-CdpPage {
    param([Parameter(Mandatory)] [object] $Page)
    $Page.Socket.Dispose()
}

Export-ModuleMember -Function Get-ChromiumPath, New-ChromiumLauncher, Stop-Chromium, Connect-CdpPage, Invoke-Cdp, Invoke-CdpScript, Wait-CdpCondition, Set-CdpField, Invoke-CdpClick, Disconnect-CdpPage
