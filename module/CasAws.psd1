# The module's version is defined here and only here: Directory.Build.props reads ModuleVersion for the
# assemblies, and tools/Build-ModuleLayout.ps1 fills ReleaseNotes from that version's section of CHANGELOG.md.
@{
    RootModule           = 'CasAws.psm1'
    ModuleVersion        = '0.1.0'
    GUID                 = 'af79dfc3-adcf-439d-9f93-14a5317d38a4'
    Author               = 'CasAws developers'
    CompanyName          = 'CasAws'
    Copyright            = '(c) CasAws developers. MIT License.'
    Description          = 'Temporary AWS credentials from an Apereo CAS login (password and Duo MFA), for AWS Tools for PowerShell, the AWS CLI, the SDKs and runbooks.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Core', 'Desktop')
    FormatsToProcess     = @('CasAws.Format.ps1xml')
    TypesToProcess       = @('CasAws.Types.ps1xml')
    CmdletsToExport      = @(
        'Connect-CasAws'
        'Disconnect-CasAws'
        'Start-CasAwsCredentialServer'
        'Get-CasAwsCredentialServer'
        'Stop-CasAwsCredentialServer'
        'Get-CasAwsStatus'
        'Get-CasAwsCredential'
        'Get-CasAwsRole'
        'Get-CasAwsCallerIdentity'
        'Get-CasAwsChainedCredential'
        'Get-CasAwsConsoleUrl'
        'Register-CasAwsProfile'
        'Unregister-CasAwsProfile'
        'Get-CasAwsProfile'
        'Invoke-CasAwsCommand'
        'ConvertTo-CasAwsEnvironment'
        'Get-CasAwsConnection'
        'Remove-CasAwsConnection'
        'Import-CasAwsConnection'
        'Test-CasAwsSetup'
        'Set-CasAwsAccountAlias'
        'Get-CasAwsAccountAlias'
        'Remove-CasAwsAccountAlias'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('AWS', 'CAS', 'Apereo', 'Duo', 'MFA', 'STS', 'Credentials', 'SSO', 'credential_process', 'Windows', 'Linux', 'MacOS')
            LicenseUri   = 'https://github.com/CasAws/CasAws/blob/main/LICENSE'
            ProjectUri   = 'https://github.com/CasAws/CasAws'
            ReleaseNotes = ''
        }
    }
}
