using System;
using System.Globalization;
using System.Management.Automation;
using System.Security;

namespace CasAws.Commands
{
    /// <summary>
    /// Lets a SecureString parameter (-Passcode, -Token) also take plain text or digits, as typed at a prompt or
    /// read from a runbook's vault; the text is copied into a SecureString at once.
    /// </summary>
    internal sealed class SecureStringTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            object? value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            // A passcode typed without quotes (-Passcode 123456) arrives as a number.
            if (value is int || value is long) value = ((IFormattable)value).ToString(null, CultureInfo.InvariantCulture);
            if (value is string text)
            {
                var secure = new SecureString();
                foreach (char c in text) secure.AppendChar(c);
                secure.MakeReadOnly();
                return secure;
            }

            return value;
        }
    }
}
