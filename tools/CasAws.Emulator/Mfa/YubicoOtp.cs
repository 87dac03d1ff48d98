using System.Security.Cryptography;

namespace CasAws.Emulator.Mfa;

/// <summary>
/// Yubico OTP as a YubiKey types it and a validation server checks it: 12 modhex characters of public
/// id, then 32 modhex characters of one AES-128 block holding the private id (6 bytes), the usage
/// counter (2), a timestamp (3), the session counter (1), a random value (2) and a CRC-16 (2).
/// </summary>
public static class YubicoOtp
{
    public const int Length = 44;
    public const int PublicIdLength = 12;
    private const string Modhex = "cbdefghijklnrtuv";

    public sealed record Token(byte[] PrivateId, int UseCounter, int SessionCounter)
    {
        /// <summary>One number that grows with every OTP the key makes.</summary>
        public long Counter => ((long)UseCounter << 8) | (uint)SessionCounter;
    }

    public static bool IsModhex(string text) => text.All(c => Modhex.Contains(c));

    public static string ToModhex(ReadOnlySpan<byte> bytes)
    {
        var chars = new char[bytes.Length * 2];
        for (var i = 0; i < bytes.Length; i++)
        {
            chars[2 * i] = Modhex[bytes[i] >> 4];
            chars[2 * i + 1] = Modhex[bytes[i] & 0xF];
        }
        return new string(chars);
    }

    public static byte[] FromModhex(string text)
    {
        var bytes = new byte[text.Length / 2];
        for (var i = 0; i < bytes.Length; i++) bytes[i] = (byte)((Modhex.IndexOf(text[2 * i]) << 4) | Modhex.IndexOf(text[2 * i + 1]));
        return bytes;
    }

    /// <summary>Decrypts and checks the OTP's block; null when it is not a valid OTP of this key.</summary>
    public static Token? Decrypt(string otp, byte[] aesKey)
    {
        if (otp.Length != Length || !IsModhex(otp)) return null;
        using var aes = Aes.Create();
        aes.Key = aesKey;
        var block = aes.DecryptEcb(FromModhex(otp[PublicIdLength..]), PaddingMode.None);
        if (Crc16(block) != 0xF0B8) return null;
        return new Token(block[..6], block[6] | (block[7] << 8), block[11]);
    }

    /// <summary>What the key types when touched: the emulator's control API plays the key for tests and demos.</summary>
    public static string Generate(string publicId, byte[] privateId, byte[] aesKey, int useCounter, int sessionCounter)
    {
        var block = new byte[16];
        privateId.CopyTo(block, 0);
        block[6] = (byte)useCounter;
        block[7] = (byte)(useCounter >> 8);
        RandomNumberGenerator.Fill(block.AsSpan(8, 3));
        block[11] = (byte)sessionCounter;
        RandomNumberGenerator.Fill(block.AsSpan(12, 2));
        var crc = (ushort)~Crc16(block.AsSpan(0, 14));
        block[14] = (byte)crc;
        block[15] = (byte)(crc >> 8);
        using var aes = Aes.Create();
        aes.Key = aesKey;
        return publicId + ToModhex(aes.EncryptEcb(block, PaddingMode.None));
    }

    /// <summary>The ISO 13239 CRC the key uses; over a whole valid block it is the residue 0xF0B8.</summary>
    private static ushort Crc16(ReadOnlySpan<byte> data)
    {
        ushort crc = 0xFFFF;
        foreach (var b in data)
        {
            crc ^= b;
            for (var i = 0; i < 8; i++) crc = (crc & 1) != 0 ? (ushort)((crc >> 1) ^ 0x8408) : (ushort)(crc >> 1);
        }
        return crc;
    }
}
