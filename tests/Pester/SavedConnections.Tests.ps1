# Saved connections (issue 10): Connect-CasAws remembers the non-secret settings, a new PowerShell
# process reconnects with Connect-CasAws alone, Get-CasAwsCredential and Register-CasAwsProfile take a
# saved name, the file is private and holds no secret, and a corrupt file is reported, never fatal.
BeforeAll {
    Import-Module (Join-Path $env:CASAWS_REPO_ROOT 'tests/Pester/TestSupport/Emulator.psm1') -Force
    Import-Module (Join-Path $env:CASAWS_REPO_ROOT 'tests/Pester/TestSupport/CasAwsFiles.psm1') -Force
    $script:ModulePath = Join-Path $env:CASAWS_REPO_ROOT 'artifacts/CasAws/CasAws.psd1'
    Import-Module $ModulePath -Force
    $script:Emu = Start-CasAwsEmulator
    $script:Sample = Get-CasAwsEmulatorSampleConfig
    $script:SavedConfigDir = $env:CASAWS_CONFIG_DIR
    $env:CASAWS_CONFIG_DIR = Join-Path ([System.IO.Path]::GetTempPath()) "casaws-saved-$([guid]::NewGuid().ToString('N').Substring(0, 12))"
    $script:File = Join-Path $env:CASAWS_CONFIG_DIR 'connections.json'
    $script:Scratch = Enter-CasAwsScratch
    function script:Cred([string] $User) { [pscredential]::new($User, (ConvertTo-SecureString "$User-pw" -AsPlainText -Force)) }
    function script:GauthCode([long] $Device) {
        # Each code works once: step the emulator's clock to the next 30-second code first.
        Move-CasAwsEmulatorClock -Emulator $Emu -Seconds 30
        $secret = (($Sample.users | Where-Object username -EQ grace).googleAuthenticator | Where-Object id -EQ $Device).secret
        Get-TotpCode -Secret $secret -Time (Get-CasAwsEmulatorTime $Emu)
    }
    # A new PowerShell process, as the next day's session would be: only the environment is shared.
    function script:Invoke-Fresh([string] $Script, [hashtable] $Arguments) {
        # User, password and code travel in a file that is deleted at once; the child builds its PSCredential.
        $argumentsFile = Join-Path ([System.IO.Path]::GetTempPath()) "casaws-args-$([guid]::NewGuid().ToString('N')).json"
        $Arguments | ConvertTo-Json | Set-Content -LiteralPath $argumentsFile
        $command = "`$a = Get-Content '$argumentsFile' -Raw | ConvertFrom-Json; `$a | Add-Member Credential ([pscredential]::new(`$a.User, (ConvertTo-SecureString `$a.Password -AsPlainText -Force))); Import-Module '$ModulePath'; $Script"
        $output = & dotnet pwsh -NoProfile -NonInteractive -Command $command 2>&1
        Remove-Item -LiteralPath $argumentsFile
        $output | ForEach-Object { "$_" }
    }
    $script:Pem = $Emu.CertificatePath
}

AfterAll {
    Disconnect-CasAws
    Exit-CasAwsScratch $script:Scratch
    Remove-Item -LiteralPath $env:CASAWS_CONFIG_DIR -Recurse -Force -ErrorAction SilentlyContinue
    $env:CASAWS_CONFIG_DIR = $script:SavedConfigDir
    Stop-CasAwsEmulator $script:Emu
}

Describe 'Saved connections' {
    It 'saves the non-secret settings of a connection, privately, and no secret' {
        $code = GauthCode 1
        Connect-CasAws -Server $Emu.CasBaseHttps -Name work -Credential (Cred grace) -MfaProvider GoogleAuthenticator -MfaAccount 1 -Passcode $code `
            -CaBundlePath $Pem -Service https://aws.example.org/ -RoleArn arn:aws:iam::123456789012:role/CasDeveloper -Duration 02:00:00 | Out-Null

        $saved = Get-CasAwsConnection work
        $saved.Server | Should -Be $Emu.CasBaseHttps
        $saved.UserName | Should -Be 'grace'
        $saved.MfaProvider | Should -Be 'GoogleAuthenticator'
        $saved.MfaAccount | Should -Be '1'
        $saved.Service | Should -Be 'https://aws.example.org/'
        $saved.CaBundlePath | Should -Be (Resolve-Path $Pem).Path
        $saved.RoleArn | Should -Be 'arn:aws:iam::123456789012:role/CasDeveloper'
        $saved.Duration | Should -Be ([timespan] '02:00:00')
        $saved.IsDefault | Should -BeTrue

        $text = Get-Content -LiteralPath $File -Raw
        $text | Should -Not -BeLike '*grace-pw*'
        $text | Should -Not -BeLike "*$code*"
        $text | Should -Not -BeLike '*SkipCertificateCheck*'
        if (-not $IsWindows) { (Get-Item -LiteralPath $File).UnixFileMode | Should -Be ([System.IO.UnixFileMode] 'UserRead, UserWrite') }
        @(Get-ChildItem -LiteralPath $env:CASAWS_CONFIG_DIR -Filter '.*tmp' -Force).Count | Should -Be 0
    }

    It 'reconnects in a new process with Connect-CasAws alone, asking only for secrets' {
        # The saved provider sends the code as gauthotp with gauthacct 1, and the saved CA bundle makes the https certificate trusted.
        # The child reads the device's code just before it connects: starting PowerShell can take longer than a code lives.
        Move-CasAwsEmulatorClock -Emulator $Emu -Seconds 30
        $output = Invoke-Fresh -Script '$code = (Invoke-RestMethod "$($a.Control)/mfa/gauth?user=grace&device=1" -Headers @{ ''X-CasAws-Control-Token'' = $a.ControlToken }).code; Connect-CasAws -Credential $a.Credential -Passcode $code -Verbose 4>&1 | Out-String' `
            -Arguments @{ User = 'grace'; Password = 'grace-pw'; Control = $Emu.ControlUrl; ControlToken = $Emu.ControlToken }
        ($output -join "`n") | Should -BeLike "*saved connection 'work'*"
        ($output -join "`n") | Should -BeLike '*GoogleAuthenticator*'
        $request = (Get-CasAwsEmulatorRequest -Emulator $Emu | ForEach-Object { $_ } | Where-Object Path -Like '*awsSts*')[-1]
        $request.User | Should -Be 'grace'
        $request.Outcome | Should -BeLike 'mfa-gauth code accepted*'
        $request.Outcome | Should -BeLike '*CasDeveloper*'
    }

    It 'says on the host which saved connection Connect-CasAws alone uses, without -Verbose' {
        Move-CasAwsEmulatorClock -Emulator $Emu -Seconds 30
        $output = Invoke-Fresh -Script '$code = (Invoke-RestMethod "$($a.Control)/mfa/gauth?user=grace&device=1" -Headers @{ ''X-CasAws-Control-Token'' = $a.ControlToken }).code; Connect-CasAws -Credential $a.Credential -Passcode $code | Out-Null' `
            -Arguments @{ User = 'grace'; Password = 'grace-pw'; Control = $Emu.ControlUrl; ControlToken = $Emu.ControlToken }
        ($output -join "`n") | Should -BeLike "*Using the saved connection 'work' (grace at $($Emu.CasBaseHttps))*"
    }

    It 'fails in a new process without -Passcode and names it, before any CAS call' {
        $before = @(Get-CasAwsEmulatorRequest -Emulator $Emu | ForEach-Object { $_ }).Count
        $output = Invoke-Fresh -Script 'try { Connect-CasAws -Credential $a.Credential -ErrorAction Stop } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }' `
            -Arguments @{ User = 'grace'; Password = 'grace-pw' }
        ($output -join "`n") | Should -BeLike '*MfaPasscodeRequired*-Passcode*'
        @(Get-CasAwsEmulatorRequest -Emulator $Emu | ForEach-Object { $_ }).Count | Should -Be $before
    }

    It 'lets Get-CasAwsCredential -Server and Register-CasAwsProfile -Server use a saved name' {
        Move-CasAwsEmulatorClock -Emulator $Emu -Seconds 30
        $output = Invoke-Fresh -Script '$code = (Invoke-RestMethod "$($a.Control)/mfa/gauth?user=grace&device=1" -Headers @{ ''X-CasAws-Control-Token'' = $a.ControlToken }).code; (Get-CasAwsCredential -Server work -Credential $a.Credential -Passcode $code).AssumedRoleArn' `
            -Arguments @{ User = 'grace'; Password = 'grace-pw'; Control = $Emu.ControlUrl; ControlToken = $Emu.ControlToken }
        ($output -join "`n") | Should -BeLike '*arn:aws:iam::123456789012:role/CasDeveloper*'

        # No session: what the helper's own login needs can only come from the saved connection.
        Disconnect-CasAws -ErrorAction Ignore
        $profile = Register-CasAwsProfile saved-work -Server work
        $profile.Server | Should -BeLike 'https://127.0.0.1:*/cas*'
        $config = Get-Content -LiteralPath $Scratch.Config -Raw
        $config | Should -BeLike '*CasDeveloper*'
        $config | Should -BeLike '*--user "grace"*'
        $config | Should -BeLike '*--duration "7200"*'
        $config | Should -BeLike "*--ca-bundle `"$((Resolve-Path $Pem).Path)`"*"
    }

    It 'lists, names and removes connections (-WhatIf changes nothing)' {
        { Connect-CasAws -Server $Emu.CasBaseHttp -Name lab -Credential (Cred casuser) -WarningAction SilentlyContinue } | Should -Throw -ErrorId 'CasAuthenticationFailed,*'
        # casuser's password is 'Mellon', not 'casuser-pw': the login fails and nothing is saved.
        @(Get-CasAwsConnection).Name | Should -Be @('work')
        Connect-CasAws -Server $Emu.CasBaseHttp -Name lab -Credential ([pscredential]::new('casuser', (ConvertTo-SecureString 'Mellon' -AsPlainText -Force))) -WarningAction SilentlyContinue | Out-Null
        @(Get-CasAwsConnection).Name | Should -Be @('lab', 'work')
        (Get-CasAwsConnection | Where-Object IsDefault).Name | Should -Be 'lab'
        Connect-CasAws -Server $Emu.CasBaseHttp -Credential ([pscredential]::new('casuser', (ConvertTo-SecureString 'Mellon' -AsPlainText -Force))) -WarningAction SilentlyContinue | Out-Null
        @(Get-CasAwsConnection).Name | Should -Be @('lab', 'work') -Because 'a server saved under a name is updated there, not saved again under its host name'
        (TabExpansion2 -inputScript 'Connect-CasAws -Name l' -cursorColumn 'Connect-CasAws -Name l'.Length).CompletionMatches.CompletionText | Should -Be @('lab')

        Remove-CasAwsConnection lab -WhatIf
        @(Get-CasAwsConnection).Count | Should -Be 2
        Get-CasAwsConnection lab | Remove-CasAwsConnection
        @(Get-CasAwsConnection).Name | Should -Be @('work')
        Remove-CasAwsConnection nothing-here -ErrorAction SilentlyContinue -ErrorVariable failure
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'ConnectionNotFound,*'
        # -WhatIf announces only a removal that would happen (its text goes to the host: read it from a transcript).
        $transcript = Join-Path $Scratch.Root 'whatif.txt'
        Start-Transcript -LiteralPath $transcript | Out-Null
        try {
            Remove-CasAwsConnection nothing-here, work -WhatIf -ErrorAction SilentlyContinue -ErrorVariable whatIfFailure
        } finally { Stop-Transcript | Out-Null }
        $said = Get-Content -LiteralPath $transcript -Raw
        $said | Should -BeLike "*Remove the saved connection 'work'*"
        $said | Should -Not -BeLike "*Remove the saved connection 'nothing-here'*"
        $whatIfFailure[0].FullyQualifiedErrorId | Should -BeLike 'ConnectionNotFound,*'
        @(Get-CasAwsConnection).Name | Should -Be @('work')
    }

    It 'never replaces another user''s connection for the same server: three users keep three, each login updates its own, and says so' {
        $kept = $env:CASAWS_CONFIG_DIR
        $env:CASAWS_CONFIG_DIR = Join-Path $kept 'three-users'
        try {
            $users = @{ casuser = 'Mellon'; alice = 'alice-pw'; bob = 'bob-pw' }
            foreach ($user in 'casuser', 'alice', 'bob') {
                Connect-CasAws -Server $Emu.CasBaseHttp -Credential ([pscredential]::new($user, (ConvertTo-SecureString $users[$user] -AsPlainText -Force))) `
                    -WarningVariable +warned 3>$null | Out-Null
            }
            $host127 = ([uri] $Emu.CasBaseHttp).Host
            $saved = @(Get-CasAwsConnection | Sort-Object Name)
            $saved.Name | Should -Be @($host127, "$host127-alice", "$host127-bob")
            $saved.UserName | Should -Be @('casuser', 'alice', 'bob')
            ($warned | Where-Object { "$_" -like "*new connection '$host127-bob'*'$host127', '$host127-alice'*kept*" }) | Should -Not -BeNullOrEmpty

            # alice again, with a service: only her connection changes, quietly (verbose says which one was updated).
            $verbose = Connect-CasAws -Server $Emu.CasBaseHttp -Credential ([pscredential]::new('alice', (ConvertTo-SecureString 'alice-pw' -AsPlainText -Force))) `
                -Service https://aws.example.org/ -Verbose -WarningVariable again 4>&1 3>$null | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
            "$verbose" | Should -BeLike "*Updated the connection '$host127-alice'*"
            ($again | Where-Object { "$_" -like '*new connection*' }) | Should -BeNullOrEmpty
            @(Get-CasAwsConnection).Count | Should -Be 3
            (Get-CasAwsConnection "$host127-alice").Service | Should -Be 'https://aws.example.org/'
            (Get-CasAwsConnection $host127).Service | Should -BeNullOrEmpty
            (Get-CasAwsConnection | Where-Object IsDefault).Name | Should -Be "$host127-alice"
        } finally {
            Remove-Item -LiteralPath $env:CASAWS_CONFIG_DIR -Recurse -Force -ErrorAction Ignore
            $env:CASAWS_CONFIG_DIR = $kept
        }
    }

    It 'says which connections exist when the name is unknown' {
        { Connect-CasAws -Name nope -Credential (Cred grace) -ErrorAction Stop } | Should -Throw -ErrorId 'ConnectionNotFound,CasAws.Commands.ConnectCasAwsCommand' -ExpectedMessage '*work*'
    }

    It 'reports a corrupt settings file with a warning, never fails, and moves it aside on the next save' {
        Set-Content -LiteralPath $File -Value '{"connections": [ {"name": "x", "server": ' -NoNewline
        $listed = Get-CasAwsConnection -WarningVariable warned 3>$null
        $listed | Should -BeNullOrEmpty
        "$warned" | Should -BeLike '*ConnectionSettingsCorrupt*connections.json*'
        { Connect-CasAws -Credential (Cred grace) -ErrorAction Stop 3>$null } | Should -Throw -ErrorId 'ConnectionNotFound,*'

        Connect-CasAws -Server $Emu.CasBaseHttp -Name again -Credential ([pscredential]::new('casuser', (ConvertTo-SecureString 'Mellon' -AsPlainText -Force))) -WarningVariable saveWarning 3>$null | Out-Null
        "$saveWarning" | Should -BeLike '*ConnectionSettingsCorrupt*moved to*'
        @(Get-CasAwsConnection).Name | Should -Be @('again')
        @(Get-ChildItem -LiteralPath $env:CASAWS_CONFIG_DIR -Filter 'connections.json.corrupt-*').Count | Should -Be 1
    }

    It 'ignores a settings file or directory that group or others can write, with a warning naming it (issue 19)' -Skip:$IsWindows {
        @(Get-CasAwsConnection).Name | Should -Be @('again')
        foreach ($path in @($File, $env:CASAWS_CONFIG_DIR)) {
            $mode = [IO.File]::GetUnixFileMode($path)
            [IO.File]::SetUnixFileMode($path, $mode -bor [IO.UnixFileMode]::OtherWrite)
            try {
                $listed = Get-CasAwsConnection -WarningVariable warned 3>$null
                $listed | Should -BeNullOrEmpty -Because "another user could have written '$path'"
                "$warned" | Should -BeLike "*ConnectionSettingsUntrusted*'$path' is ignored*group or others can write*"
                { Connect-CasAws -Credential (Cred grace) -ErrorAction Stop 3>$null } | Should -Throw -ErrorId 'ConnectionNotFound,*'
            } finally {
                [IO.File]::SetUnixFileMode($path, $mode)
            }
        }
        @(Get-CasAwsConnection).Name | Should -Be @('again')
    }
}
