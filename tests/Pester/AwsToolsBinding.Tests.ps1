# How CasAws objects bind into AWS Tools for PowerShell, proven with stand-ins that carry AWS Tools'
# exact parameter attributes (TestSupport/AwsToolsStandIn.psm1).
BeforeAll {
    Import-Module (Join-Path $env:CASAWS_REPO_ROOT 'artifacts/CasAws/CasAws.psd1') -Force
    Import-Module (Join-Path $PSScriptRoot 'TestSupport/AwsToolsStandIn.psm1') -Force

    function New-TestCredential([string] $Region) {
        $credential = [CasAws.Credentials.CasAwsCredential]::new('ASIASTANDIN', 'secret/key+=', 'session+token/=', [datetime]::UtcNow.AddHours(1))
        $credential.AccountId = '111111111111'
        $credential.AssumedRoleArn = 'arn:aws:sts::111111111111:assumed-role/Dev/session'
        if ($Region) { $credential.Region = $Region }
        $credential
    }

    function New-KeyObject([hashtable] $Extra = @{}) {
        $properties = [ordered]@{ AccessKey = 'ASIAX'; SecretKey = 'secret'; SessionToken = 'token' }
        foreach ($key in $Extra.Keys) { $properties[$key] = $Extra[$key] }
        [pscustomobject] $properties
    }
}

AfterAll {
    Remove-Module AwsToolsStandIn -ErrorAction SilentlyContinue
}

Describe 'Binding into Set-AWSCredential' {
    It 'binds a CasAws credential to the BasicOrSession set with the three keys and nothing else' {
        $result = New-TestCredential -Region 'eu-west-1' | Set-AWSCredential

        $result.ParameterSetName | Should -Be 'BasicOrSession'
        $result.Bound.AccessKey | Should -Be 'ASIASTANDIN'
        $result.Bound.SecretKey | Should -Be 'secret/key+='
        $result.Bound.SessionToken | Should -Be 'session+token/='
        @($result.Bound.Keys | Sort-Object) | Should -Be @('AccessKey', 'SecretKey', 'SessionToken')
    }

    It 'keeps -Scope Global from the command line' {
        $result = New-TestCredential | Set-AWSCredential -Scope Global

        $result.ParameterSetName | Should -Be 'BasicOrSession'
        $result.Bound.Scope | Should -Be 'Global'
    }

    It 'has none of the property names that break or silently change Set-AWSCredential' {
        $forbidden = 'RoleArn', 'ProfileName', 'Credential', 'SourceProfile', 'ExternalID', 'MfaSerial',
            'StoreAs', 'Scope', 'ProfileLocation', 'EndpointUrl', 'NetworkCredential'
        $names = (New-TestCredential -Region 'eu-west-1').PSObject.Properties.Name

        $names | Where-Object { $_ -in $forbidden } | Should -BeNullOrEmpty
    }

    It 'fails with "Parameter set cannot be resolved" when an object also carries <_>' -ForEach @('RoleArn', 'ProfileName', 'Credential', 'SourceProfile', 'ExternalID', 'MfaSerial') {
        $value = if ($_ -eq 'Credential') { [AwsToolsStandIn.BasicAWSCredentials]::new() } else { 'value' }
        $object = New-KeyObject @{ $_ = $value }

        { $object | Set-AWSCredential -ErrorAction Stop } | Should -Throw '*Parameter set cannot be resolved*'
    }

    It 'silently binds <_> from an object that carries it, which is why CasAws never outputs it' -ForEach @('StoreAs', 'Scope', 'ProfileLocation') {
        $value = if ($_ -eq 'Scope') { 'Local' } else { 'value' }

        $result = New-KeyObject @{ $_ = $value } | Set-AWSCredential

        $result.ParameterSetName | Should -Be 'BasicOrSession'
        $result.Bound.ContainsKey($_) | Should -BeTrue
    }

    It 'does not bind an object that only has AccessKeyId' {
        $object = [pscustomobject]@{ AccessKeyId = 'ASIAX'; SecretAccessKey = 'secret'; SessionToken = 'token' }

        { $object | Set-AWSCredential -ErrorAction Stop } | Should -Throw
    }

    It 'does not bind a hashtable by property name' {
        { @{ AccessKey = 'ASIAX'; SecretKey = 'secret'; SessionToken = 'token' } | Set-AWSCredential -ErrorAction Stop } | Should -Throw
    }

    It 'binds a registered profile to the StoredProfile set by its ProfileName' {
        $tempRoot = Join-Path ([IO.Path]::GetTempPath()) ("casaws-binding-" + [guid]::NewGuid().ToString('N'))
        $saved = @{ Cache = $env:CASAWS_CACHE_DIR; Data = $env:CASAWS_DATA_DIR; Config = $env:AWS_CONFIG_FILE; Credentials = $env:AWS_SHARED_CREDENTIALS_FILE }
        try {
            $env:CASAWS_CACHE_DIR = Join-Path $tempRoot 'cache'
            $env:CASAWS_DATA_DIR = Join-Path $tempRoot 'data'
            $env:AWS_CONFIG_FILE = Join-Path $tempRoot 'config'
            $env:AWS_SHARED_CREDENTIALS_FILE = Join-Path $tempRoot 'credentials'
            $profileObject = Register-CasAwsProfile cas-bind -Server 'https://cas.example.org/cas' -RoleArn 'arn:aws:iam::111111111111:role/Dev'

            $result = $profileObject | Set-AWSCredential

            $result.ParameterSetName | Should -Be 'StoredProfile'
            $result.Bound.ProfileName | Should -Be 'cas-bind'
            @($result.Bound.Keys) | Should -Be @('ProfileName')
        } finally {
            $env:CASAWS_CACHE_DIR = $saved.Cache; $env:CASAWS_DATA_DIR = $saved.Data; $env:AWS_CONFIG_FILE = $saved.Config; $env:AWS_SHARED_CREDENTIALS_FILE = $saved.Credentials
            Remove-Item $tempRoot -Recurse -Force -ErrorAction SilentlyContinue
        }
    }
}

Describe 'Binding into a service cmdlet (Get-S3Bucket)' {
    It 'binds the keys and a real region' {
        $result = New-TestCredential -Region 'eu-west-1' | Get-S3Bucket

        $result.Bound.AccessKey | Should -Be 'ASIASTANDIN'
        $result.Bound.SecretKey | Should -Be 'secret/key+='
        $result.Bound.SessionToken | Should -Be 'session+token/='
        $result.Bound.Region | Should -Be 'eu-west-1'
        $result.Bound.ContainsKey('Credential') | Should -BeFalse
        $result.Bound.ContainsKey('EndpointUrl') | Should -BeFalse
    }

    It 'passes no region when CAS sent none' {
        $result = New-TestCredential | Get-S3Bucket

        $result.Bound.Region | Should -BeNullOrEmpty
        $result.Bound.AccessKey | Should -Be 'ASIASTANDIN'
    }

    It 'would silently take an EndpointUrl property, which is why CasAws never outputs one' {
        $result = New-KeyObject @{ EndpointUrl = 'https://elsewhere.example' } | Get-S3Bucket

        $result.Bound.EndpointUrl | Should -Be 'https://elsewhere.example'
    }
}
