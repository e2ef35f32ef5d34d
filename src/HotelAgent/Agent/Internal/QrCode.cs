using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;

namespace HotelAgent;

/// <summary>
/// A QR code (ISO/IEC 18004, model 2) at error correction level M, made in a few microseconds for the booking card: the
/// text in one numeric, alphanumeric or byte (UTF-8) segment, the smallest version that holds it, and the mask with the
/// lowest penalty; and its image as a 1-bit grayscale PNG with the 4-module quiet zone.
/// </summary>
internal sealed class QrCode
{
    private const string Alphanumeric = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

    // Level M, by version (index 0 unused): error correction codewords per block, and number of blocks.
    private static readonly byte[] EccCodewordsPerBlock =
    [
        0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26,
        26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28,
    ];

    private static readonly byte[] ErrorCorrectionBlocks =
    [
        0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16,
        17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49,
    ];

    private static readonly uint[] CrcTable = CreateCrcTable();

    // Deflate's lengths (RFC 1951 §3.2.5): the first length of each code from 257, and its extra bits.
    private static readonly short[] LengthBases = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
    private static readonly byte[] LengthExtraBits = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];

    // Deflate's distances (RFC 1951 §3.2.5): the first distance of each code, and its extra bits.
    private static readonly ushort[] DistanceBases = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
    private static readonly byte[] DistanceExtraBits = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];

    // The length code (from 257) of each match length, 3 to 258.
    private static readonly byte[] LengthCodes = CreateLengthCodes();

    // Deflate's fixed Huffman codes of the literal/length symbols (RFC 1951 §3.2.6), bit-reversed for the stream.
    private static readonly ushort[] FixedCodes = CreateFixedCodes();

    // The bits each mask flips by version, for versions up to 11 (64 modules a side), made on first use.
    private static readonly MaskBitsOfVersion?[]?[] MaskBitsByVersion = new MaskBitsOfVersion?[]?[41];

    // The mask patterns by version, made on first use.
    private static readonly bool[]?[]?[] MaskPatterns = new bool[]?[]?[41];

    private readonly bool[] _modules;
    private readonly bool[] _isFunction;

    private QrCode(int version)
    {
        Version = version;
        Size = (version * 4) + 17;
        _modules = new bool[Size * Size];
        _isFunction = new bool[Size * Size];
    }

    /// <summary>Gets the version, 1 to 40.</summary>
    public int Version { get; }

    /// <summary>Gets the number of modules on a side, without the quiet zone.</summary>
    public int Size { get; }

    /// <summary>Gets whether the module at column <paramref name="x"/> and row <paramref name="y"/> is dark.</summary>
    public bool this[int x, int y] => _modules[(y * Size) + x];

    /// <summary>Encodes <paramref name="text"/>.</summary>
    /// <exception cref="ArgumentException">The text does not fit in a version 40 code.</exception>
    public static QrCode Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (mode, count, payload) = Segment(text);
        int version;
        for (version = 1; ; version++)
        {
            if (version > 40)
            {
                throw new ArgumentException("The text is too long for a QR code.", nameof(text));
            }

            if (4 + CountBits(mode, version) + DataBits(mode, count, payload) <= DataCodewords(version) * 8)
            {
                break;
            }
        }

        var capacity = DataCodewords(version) * 8;
        var bits = new BitWriter(capacity);
        bits.Append(mode, 4);
        bits.Append(count, CountBits(mode, version));
        AppendData(bits, mode, text, payload);
        bits.Append(0, Math.Min(4, capacity - bits.Length));
        bits.Append(0, (8 - (bits.Length % 8)) % 8);
        for (var pad = 0xEC; bits.Length < capacity; pad ^= 0xEC ^ 0x11)
        {
            bits.Append(pad, 8);
        }

        var code = new QrCode(version);
        code.DrawFunctionPatterns();
        code.DrawCodewords(code.AddEccAndInterleave(bits.Bytes));
        code.ApplyBestMask();
        return code;
    }

    /// <summary>The PNG of the code: <paramref name="pixelsPerModule"/> pixels a module, black on white, quiet zone included.</summary>
    public byte[] ToPng(int pixelsPerModule)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pixelsPerModule);
        const int QuietZone = 4;
        var side = (Size + (2 * QuietZone)) * pixelsPerModule;
        var stride = (side + 7) / 8;

        // Scanlines: a filter byte, then one bit a pixel (1 is white). Each row of modules is one scanline repeated,
        // which the "up" filter (type 2) turns into zeros; they go straight to the compressor.
        var image = new ZLibWriter(256);
        var line = new byte[stride];
        for (var row = 0; row < Size + (2 * QuietZone); row++)
        {
            line.AsSpan().Fill(0xFF);
            var y = row - QuietZone;
            if (y >= 0 && y < Size)
            {
                for (var x = 0; x < Size; x++)
                {
                    if (!this[x, y])
                    {
                        continue;
                    }

                    if (pixelsPerModule % 8 == 0)
                    {
                        line.AsSpan((x + QuietZone) * pixelsPerModule / 8, pixelsPerModule / 8).Clear(); // whole bytes
                        continue;
                    }

                    for (var p = (x + QuietZone) * pixelsPerModule; p < (x + QuietZone + 1) * pixelsPerModule; p++)
                    {
                        line[p >> 3] &= (byte)~(0x80 >> (p & 7));
                    }
                }
            }

            image.Add(0, 1);
            for (int start = 0, end; start < stride; start = end)
            {
                for (end = start + 1; end < stride && line[end] == line[start]; end++)
                {
                }

                image.Add(line[start], end - start);
            }

            if (pixelsPerModule > 1)
            {
                // The first repeat, then the others as one copy of it.
                image.Add(2, 1);
                image.Add(0, stride);
                image.CopyRows(stride + 1, pixelsPerModule - 2);
            }
        }

        using var png = new MemoryStream(256);
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, side);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], side);
        header[8] = 1; // bit depth
        header[9] = 0; // grayscale
        header[10] = 0; // deflate
        header[11] = 0; // adaptive filtering
        header[12] = 0; // no interlace
        WriteChunk(png, "IHDR"u8, header);
        WriteChunk(png, "IDAT"u8, image.Finish());

        WriteChunk(png, "IEND"u8, []);
        return png.ToArray();
    }

    private static (int Mode, int Count, byte[]? Bytes) Segment(string text)
    {
        if (text.AsSpan().ContainsAnyExceptInRange('0', '9'))
        {
            foreach (var c in text)
            {
                if (!Alphanumeric.Contains(c, StringComparison.Ordinal))
                {
                    var bytes = Encoding.UTF8.GetBytes(text);
                    return (0x4, bytes.Length, bytes);
                }
            }

            return (0x2, text.Length, null);
        }

        return (0x1, text.Length, null);
    }

    private static int CountBits(int mode, int version)
    {
        var band = version <= 9 ? 0 : version <= 26 ? 1 : 2;
        return mode switch
        {
            0x1 => 10 + (2 * band),
            0x2 => 9 + (2 * band),
            _ => band == 0 ? 8 : 16,
        };
    }

    private static long DataBits(int mode, int count, byte[]? bytes) => mode switch
    {
        0x1 => (count / 3 * 10L) + (count % 3 == 0 ? 0 : (count % 3 * 3) + 1),
        0x2 => (count / 2 * 11L) + (count % 2 * 6),
        _ => bytes!.Length * 8L,
    };

    private static void AppendData(BitWriter bits, int mode, string text, byte[]? bytes)
    {
        switch (mode)
        {
            case 0x1:
                for (var i = 0; i < text.Length; i += 3)
                {
                    var n = Math.Min(3, text.Length - i);
                    bits.Append(int.Parse(text.AsSpan(i, n), System.Globalization.CultureInfo.InvariantCulture), (n * 3) + 1);
                }

                break;
            case 0x2:
                var j = 0;
                for (; j + 1 < text.Length; j += 2)
                {
                    bits.Append((Alphanumeric.IndexOf(text[j], StringComparison.Ordinal) * 45) + Alphanumeric.IndexOf(text[j + 1], StringComparison.Ordinal), 11);
                }

                if (j < text.Length)
                {
                    bits.Append(Alphanumeric.IndexOf(text[j], StringComparison.Ordinal), 6);
                }

                break;
            default:
                foreach (var b in bytes!)
                {
                    bits.Append(b, 8);
                }

                break;
        }
    }

    private static int RawDataModules(int version)
    {
        var result = (((16 * version) + 128) * version) + 64;
        if (version >= 2)
        {
            var alignments = (version / 7) + 2;
            result -= (((25 * alignments) - 10) * alignments) - 55;
            if (version >= 7)
            {
                result -= 36;
            }
        }

        return result;
    }

    private static int DataCodewords(int version) =>
        (RawDataModules(version) / 8) - (EccCodewordsPerBlock[version] * ErrorCorrectionBlocks[version]);

    private void Set(int x, int y, bool dark, bool function = true)
    {
        _modules[(y * Size) + x] = dark;
        _isFunction[(y * Size) + x] |= function;
    }

    private void DrawFunctionPatterns()
    {
        for (var i = 0; i < Size; i++)
        {
            Set(6, i, i % 2 == 0);
            Set(i, 6, i % 2 == 0);
        }

        DrawFinder(3, 3);
        DrawFinder(Size - 4, 3);
        DrawFinder(3, Size - 4);

        var positions = AlignmentPositions();
        var last = positions.Length - 1;
        for (var i = 0; i <= last; i++)
        {
            for (var j = 0; j <= last; j++)
            {
                if ((i == 0 && j == 0) || (i == 0 && j == last) || (i == last && j == 0))
                {
                    continue;
                }

                for (var dy = -2; dy <= 2; dy++)
                {
                    for (var dx = -2; dx <= 2; dx++)
                    {
                        Set(positions[i] + dx, positions[j] + dy, Math.Max(Math.Abs(dx), Math.Abs(dy)) != 1);
                    }
                }
            }
        }

        DrawFormatBits(0); // reserves the format areas; drawn again with the chosen mask
        if (Version >= 7)
        {
            var remainder = Version;
            for (var i = 0; i < 12; i++)
            {
                remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1F25);
            }

            var bits = (Version << 12) | remainder;
            for (var i = 0; i < 18; i++)
            {
                var dark = ((bits >> i) & 1) != 0;
                var a = Size - 11 + (i % 3);
                var b = i / 3;
                Set(a, b, dark);
                Set(b, a, dark);
            }
        }
    }

    private void DrawFinder(int x, int y)
    {
        for (var dy = -4; dy <= 4; dy++)
        {
            for (var dx = -4; dx <= 4; dx++)
            {
                var distance = Math.Max(Math.Abs(dx), Math.Abs(dy));
                if (x + dx >= 0 && x + dx < Size && y + dy >= 0 && y + dy < Size)
                {
                    Set(x + dx, y + dy, distance != 2 && distance != 4);
                }
            }
        }
    }

    private int[] AlignmentPositions()
    {
        if (Version == 1)
        {
            return [];
        }

        var count = (Version / 7) + 2;
        var step = (((Version * 8) + (count * 3) + 5) / ((count * 4) - 4)) * 2;
        var result = new int[count];
        result[0] = 6;
        for (int i = count - 1, position = Size - 7; i >= 1; i--, position -= step)
        {
            result[i] = position;
        }

        return result;
    }

    private void DrawFormatBits(int mask)
    {
        var data = mask; // level M is 00
        var remainder = data;
        for (var i = 0; i < 10; i++)
        {
            remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537);
        }

        var bits = ((data << 10) | remainder) ^ 0x5412;
        bool Bit(int i) => ((bits >> i) & 1) != 0;

        for (var i = 0; i <= 5; i++)
        {
            Set(8, i, Bit(i));
        }

        Set(8, 7, Bit(6));
        Set(8, 8, Bit(7));
        Set(7, 8, Bit(8));
        for (var i = 9; i < 15; i++)
        {
            Set(14 - i, 8, Bit(i));
        }

        for (var i = 0; i < 8; i++)
        {
            Set(Size - 1 - i, 8, Bit(i));
        }

        for (var i = 8; i < 15; i++)
        {
            Set(8, Size - 15 + i, Bit(i));
        }

        Set(8, Size - 8, true); // the dark module
    }

    private byte[] AddEccAndInterleave(byte[] data)
    {
        var blocks = ErrorCorrectionBlocks[Version];
        var eccLength = EccCodewordsPerBlock[Version];
        var rawCodewords = RawDataModules(Version) / 8;
        var shortBlocks = blocks - (rawCodewords % blocks);
        var shortBlockLength = rawCodewords / blocks;
        var divisor = ReedSolomonDivisor(eccLength);

        var all = new byte[blocks][];
        for (int i = 0, k = 0; i < blocks; i++)
        {
            var dataLength = shortBlockLength - eccLength + (i < shortBlocks ? 0 : 1);
            var block = new byte[shortBlockLength + 1];
            data.AsSpan(k, dataLength).CopyTo(block);
            k += dataLength;
            // Short blocks leave one unused byte before their correction codewords, skipped when interleaving.
            ReedSolomonRemainder(data.AsSpan(k - dataLength, dataLength), divisor, block.AsSpan(shortBlockLength + 1 - eccLength));
            all[i] = block;
        }

        var result = new byte[rawCodewords];
        var n = 0;
        for (var i = 0; i < shortBlockLength + 1; i++)
        {
            for (var j = 0; j < blocks; j++)
            {
                if (i != shortBlockLength - eccLength || j >= shortBlocks)
                {
                    result[n++] = all[j][i];
                }
            }
        }

        return result;
    }

    private static byte[] ReedSolomonDivisor(int degree)
    {
        var result = new byte[degree];
        result[degree - 1] = 1;
        var root = 1;
        for (var i = 0; i < degree; i++)
        {
            for (var j = 0; j < degree; j++)
            {
                result[j] = Multiply(result[j], root);
                if (j + 1 < degree)
                {
                    result[j] ^= result[j + 1];
                }
            }

            root = Multiply(root, 0x02);
        }

        return result;
    }

    private static void ReedSolomonRemainder(ReadOnlySpan<byte> data, byte[] divisor, Span<byte> result)
    {
        result.Clear();
        foreach (var b in data)
        {
            var factor = b ^ result[0];
            for (var i = 1; i < result.Length; i++)
            {
                result[i - 1] = result[i];
            }

            result[^1] = 0;
            for (var i = 0; i < result.Length; i++)
            {
                result[i] ^= Multiply(divisor[i], factor);
            }
        }
    }

    private static byte Multiply(int x, int y)
    {
        var z = 0;
        for (var i = 7; i >= 0; i--)
        {
            z = (z << 1) ^ ((z >> 7) * 0x11D);
            z ^= ((y >> i) & 1) * x;
        }

        return (byte)z;
    }

    private void DrawCodewords(byte[] data)
    {
        var i = 0;
        for (var right = Size - 1; right >= 1; right -= 2)
        {
            if (right == 6)
            {
                right = 5;
            }

            for (var vertical = 0; vertical < Size; vertical++)
            {
                for (var j = 0; j < 2; j++)
                {
                    var x = right - j;
                    var upward = ((right + 1) & 2) == 0;
                    var y = upward ? Size - 1 - vertical : vertical;
                    if (!_isFunction[(y * Size) + x] && i < data.Length * 8)
                    {
                        _modules[(y * Size) + x] = ((data[i >> 3] >> (7 - (i & 7))) & 1) != 0;
                        i++;
                    }
                }
            }
        }
    }

    private void ApplyBestMask()
    {
        // Each mask is scored on a copy, the modules left as they are until the best one is known; up to 64 modules a
        // side, the copy is bits, masked a word at a time with patterns that also turn the format bits to the mask's.
        var best = 0;
        var lowest = int.MaxValue;
        if (Size <= 64)
        {
            Span<ulong> rows = stackalloc ulong[Size];
            Span<ulong> columns = stackalloc ulong[Size];
            Span<ulong> maskedRows = stackalloc ulong[Size];
            Span<ulong> maskedColumns = stackalloc ulong[Size];
            DrawFormatBits(0);
            ToBits(_modules, Size, rows, columns);
            for (var mask = 0; mask < 8; mask++)
            {
                var flips = MaskBits(mask);
                var (patternRows, patternColumns) = (flips.Rows, flips.Columns);
                for (var i = 0; i < Size; i++)
                {
                    maskedRows[i] = rows[i] ^ patternRows[i];
                    maskedColumns[i] = columns[i] ^ patternColumns[i];
                }

                var penalty = RowPenalty(maskedRows, maskedColumns, Size);
                if (penalty < lowest)
                {
                    best = mask;
                    lowest = penalty;
                }
            }
        }
        else
        {
            var masked = new bool[_modules.Length];
            for (var mask = 0; mask < 8; mask++)
            {
                DrawFormatBits(mask);
                var pattern = MaskPattern(mask);
                for (var i = 0; i < masked.Length; i++)
                {
                    masked[i] = _modules[i] ^ pattern[i];
                }

                var penalty = Penalty(masked, Size);
                if (penalty < lowest)
                {
                    best = mask;
                    lowest = penalty;
                }
            }
        }

        var chosen = MaskPattern(best);
        for (var i = 0; i < _modules.Length; i++)
        {
            _modules[i] ^= chosen[i];
        }

        DrawFormatBits(best);
    }

    /// <summary>
    /// The bits a mask flips in a symbol whose format bits are those of mask 0: its pattern, and the format bits that
    /// differ (by rows and by columns; the same for every code of a version).
    /// </summary>
    private MaskBitsOfVersion MaskBits(int mask)
    {
        if ((MaskBitsByVersion[Version] ??= new MaskBitsOfVersion?[8])[mask] is { } cached)
        {
            return cached;
        }

        var format = new QrCode(Version);
        format.DrawFormatBits(0);
        var mask0 = (bool[])format._modules.Clone();
        format.DrawFormatBits(mask);
        var pattern = MaskPattern(mask);
        var flipped = new bool[pattern.Length];
        for (var i = 0; i < flipped.Length; i++)
        {
            flipped[i] = pattern[i] ^ mask0[i] ^ format._modules[i];
        }

        var bits = new MaskBitsOfVersion(new ulong[Size], new ulong[Size]);
        ToBits(flipped, Size, bits.Rows, bits.Columns);
        MaskBitsByVersion[Version]![mask] = bits;
        return bits;
    }

    /// <summary>The bits a mask flips, by rows and by columns.</summary>
    private sealed record MaskBitsOfVersion(ulong[] Rows, ulong[] Columns);

    /// <summary>The modules a mask inverts: those of its pattern that are not function modules (the same for every code of a version).</summary>
    private bool[] MaskPattern(int mask) => (MaskPatterns[Version] ??= new bool[8][])[mask] ??= CreateMaskPattern(mask);

    private bool[] CreateMaskPattern(int mask)
    {
        var pattern = new bool[_modules.Length];
        for (var y = 0; y < Size; y++)
        {
            for (var x = 0; x < Size; x++)
            {
                var i = (y * Size) + x;
                pattern[i] = !_isFunction[i] && mask switch
                {
                    0 => (x + y) % 2 == 0,
                    1 => y % 2 == 0,
                    2 => x % 3 == 0,
                    3 => (x + y) % 3 == 0,
                    4 => ((x / 3) + (y / 2)) % 2 == 0,
                    5 => (x * y % 2) + (x * y % 3) == 0,
                    6 => ((x * y % 2) + (x * y % 3)) % 2 == 0,
                    _ => (((x + y) % 2) + (x * y % 3)) % 2 == 0,
                };
            }
        }

        return pattern;
    }

    /// <summary>
    /// <see cref="Penalty"/> of a symbol of up to 64 modules a side, read a row or column at a time as the bits of a
    /// word: runs found by counting equal bits rather than module by module, blocks and dark modules by bit operations.
    /// </summary>
    internal static int RowPenalty(bool[] modules, int size)
    {
        Span<ulong> rows = stackalloc ulong[size];
        Span<ulong> columns = stackalloc ulong[size];
        ToBits(modules, size, rows, columns);
        return RowPenalty(rows, columns, size);
    }

    /// <summary>Writes the modules as bits: of each row (bit x is column x) and of each column (bit y is row y).</summary>
    private static void ToBits(bool[] modules, int size, Span<ulong> rows, Span<ulong> columns)
    {
        rows.Clear();
        columns.Clear();
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                var bit = (ulong)Unsafe.BitCast<bool, byte>(modules[(y * size) + x]);
                rows[y] |= bit << x;
                columns[x] |= bit << y;
            }
        }
    }

    private static int RowPenalty(ReadOnlySpan<ulong> rows, ReadOnlySpan<ulong> columns, int size)
    {
        const int N1 = 3, N2 = 3, N3 = 40, N4 = 10;
        var result = 0;
        var all = size == 64 ? ulong.MaxValue : (1UL << size) - 1;
        for (var pass = 0; pass < 2; pass++)
        {
            foreach (var line in pass == 0 ? rows : columns)
            {
                var history = new RunHistory(size);
                var dark = false; // the light run before the first module, of no modules when that one is dark
                var run = 0;
                var at = 0;
                while (at < size)
                {
                    var rest = line >> at;
                    var length = Math.Min(size - at, BitOperations.TrailingZeroCount(dark ? ~rest : rest));
                    if (length == 0)
                    {
                        // The run ends here: recorded, and a light one that ends may close a finder-like pattern.
                        history.Add(run);
                        if (!dark)
                        {
                            result += history.FinderLikePatterns() * N3;
                        }

                        dark = !dark;
                        run = 0;
                        continue;
                    }

                    run += length;
                    at += length;
                    if (run >= 5)
                    {
                        result += N1 + (run - 5);
                    }
                }

                if (dark)
                {
                    history.Add(run);
                    run = 0;
                }

                history.Add(run + size);
                result += history.FinderLikePatterns() * N3;
            }
        }

        var darkModules = 0;
        for (var y = 0; y < size; y++)
        {
            darkModules += BitOperations.PopCount(rows[y]);
            if (y < size - 1)
            {
                // Four equal modules: each pair across the two rows equal, and equal to its right neighbour.
                var same = ~(rows[y] ^ rows[y + 1]) & all;
                var sameRight = ~(rows[y] ^ (rows[y] >> 1));
                result += N2 * BitOperations.PopCount(same & (same >> 1) & sameRight & (all >> 1));
            }
        }

        var total = size * size;
        var k = ((Math.Abs((darkModules * 20) - (total * 10)) + total - 1) / total) - 1;
        return result + (k * N4);
    }

    /// <summary>The penalty of a masked symbol (ISO/IEC 18004 §7.8.3): runs, 2×2 blocks, finder-like patterns and balance.</summary>
    internal static int Penalty(bool[] modules, int size)
    {
        const int N1 = 3, N2 = 3, N3 = 40, N4 = 10;
        var result = 0;
        for (var pass = 0; pass < 2; pass++)
        {
            // Rows, then columns.
            var step = pass == 0 ? 1 : size;
            for (var line = 0; line < size; line++)
            {
                var index = pass == 0 ? line * size : line;
                var runDark = false;
                var run = 0;
                var history = new RunHistory(size);
                for (var b = 0; b < size; b++, index += step)
                {
                    if (modules[index] == runDark)
                    {
                        run++;
                        if (run == 5)
                        {
                            result += N1;
                        }
                        else if (run > 5)
                        {
                            result++;
                        }
                    }
                    else
                    {
                        history.Add(run);
                        if (!runDark)
                        {
                            result += history.FinderLikePatterns() * N3;
                        }

                        runDark = modules[index];
                        run = 1;
                    }
                }

                if (runDark)
                {
                    history.Add(run);
                    run = 0;
                }

                history.Add(run + size);
                result += history.FinderLikePatterns() * N3;
            }
        }

        var darkModules = 0;
        for (var y = 0; y < size; y++)
        {
            var row = y * size;
            for (var x = 0; x < size; x++)
            {
                var dark = modules[row + x];
                darkModules += dark ? 1 : 0;
                if (x < size - 1 && y < size - 1 && dark == modules[row + x + 1] && dark == modules[row + size + x] && dark == modules[row + size + x + 1])
                {
                    result += N2;
                }
            }
        }

        var total = size * size;
        var k = ((Math.Abs((darkModules * 20) - (total * 10)) + total - 1) / total) - 1;
        return result + (k * N4);
    }

    private static void WriteChunk(Stream png, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        png.Write(word);
        png.Write(type);
        png.Write(data);
        var crc = Crc(Crc(0xFFFFFFFFu, type), data) ^ 0xFFFFFFFFu;
        BinaryPrimitives.WriteUInt32BigEndian(word, crc);
        png.Write(word);
    }

    private static uint Crc(uint crc, ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc;
    }

    private static int FixedCodeBits(int symbol) => symbol switch
    {
        <= 143 => 8,
        <= 255 => 9,
        <= 279 => 7,
        _ => 8,
    };

    private static byte[] CreateLengthCodes()
    {
        var codes = new byte[259];
        for (var length = 3; length <= 258; length++)
        {
            var code = LengthBases.Length - 1;
            while (LengthBases[code] > length)
            {
                code--;
            }

            codes[length] = (byte)code;
        }

        return codes;
    }

    private static ushort[] CreateFixedCodes()
    {
        var codes = new ushort[288];
        for (var symbol = 0; symbol < codes.Length; symbol++)
        {
            var code = symbol switch
            {
                <= 143 => 0x30 + symbol,
                <= 255 => 0x190 + symbol - 144,
                <= 279 => symbol - 256,
                _ => 0xC0 + symbol - 280,
            };
            var bits = FixedCodeBits(symbol);
            var reversed = 0;
            for (var i = 0; i < bits; i++)
            {
                reversed |= ((code >> i) & 1) << (bits - 1 - i);
            }

            codes[symbol] = (ushort)reversed;
        }

        return codes;
    }

    private static uint[] CreateCrcTable()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }

    /// <summary>
    /// Compresses bytes in the zlib format (RFC 1950) as they come, with one deflate block of fixed Huffman codes whose
    /// only matches repeat the previous byte: all it takes for scanlines of whole modules and repeated rows, without the
    /// cost of setting up a general compressor for a few kilobytes.
    /// </summary>
    private sealed class ZLibWriter
    {
        private const uint AdlerModulus = 65521;

        private readonly DeflateBits _output;
        private ulong _a = 1;
        private ulong _b;
        private int _last = -1;
        private int _repeats; // of the last byte, after its literal, not written yet
        private ulong _unreduced; // bytes added to the sums since they were last reduced

        public ZLibWriter(int capacity)
        {
            _output = new DeflateBits(capacity);
            _output.WriteByte(0x78); // deflate, 32 KiB window
            _output.WriteByte(0x01); // fastest; header check
            _output.Write(1, 1); // last block
            _output.Write(1, 2); // fixed Huffman codes
        }

        /// <summary>Adds <paramref name="count"/> times <paramref name="value"/>.</summary>
        public void Add(byte value, int count)
        {
            Sums(value, count);

            if (value == _last)
            {
                _repeats += count;
                return;
            }

            WriteRepeats();
            _output.Symbol(value);
            _last = value;
            _repeats = count - 1;
        }

        /// <summary>
        /// Adds <paramref name="rows"/> more copies of the last row of <paramref name="rowLength"/> bytes, an "up"
        /// filtered repeat (a filter byte 2 and zeros), as matches that many bytes back.
        /// </summary>
        public void CopyRows(int rowLength, int rows)
        {
            if (rowLength > 32_768 || rowLength * rows < 3)
            {
                // Beyond deflate's window, or too short for a match: byte runs as usual.
                for (var row = 0; row < rows; row++)
                {
                    Add(2, 1);
                    Add(0, rowLength - 1);
                }

                return;
            }

            WriteRepeats();
            for (var row = 0; row < rows; row++)
            {
                Sums(2, 1);
                Sums(0, rowLength - 1);
            }

            for (var left = rowLength * rows; left > 0;)
            {
                var length = Math.Min(left, 258);
                if (left - length is 1 or 2)
                {
                    length -= 3 - (left - length);
                }

                _output.Length(length);
                _output.Distance(rowLength);
                left -= length;
            }

            _last = 0; // a row ends with a zero
            _repeats = 0;
        }

        public byte[] Finish()
        {
            Reduce();
            WriteRepeats();
            _output.Symbol(256); // end of block
            _output.Flush();
            _output.WriteByte((byte)(_b >> 8));
            _output.WriteByte((byte)_b);
            _output.WriteByte((byte)(_a >> 8));
            _output.WriteByte((byte)_a);
            return _output.ToArray();
        }

        /// <summary>Adds <paramref name="count"/> equal bytes to the Adler-32 sums.</summary>
        private void Sums(byte value, int count)
        {
            // a grows by value × count, b by a at each byte; both are reduced only every million bytes or so, far
            // before the 64-bit sums could overflow.
            var n = (ulong)count;
            _b += (n * _a) + (value * n * (n + 1) / 2);
            _a += value * n;
            _unreduced += n;
            if (_unreduced >= 1 << 20)
            {
                Reduce();
            }
        }

        private void Reduce()
        {
            _a %= AdlerModulus;
            _b %= AdlerModulus;
            _unreduced = 0;
        }

        private void WriteRepeats()
        {
            while (_repeats >= 3)
            {
                var length = Math.Min(_repeats, 258);
                if (_repeats - length is 1 or 2)
                {
                    length -= 3 - (_repeats - length); // leaves three for one more match rather than one or two literals
                }

                _output.Length(length);
                _output.Write(0, 5); // distance code 0: one byte back
                _repeats -= length;
            }

            for (; _repeats > 0; _repeats--)
            {
                _output.Symbol(_last);
            }
        }
    }

    /// <summary>Deflate's bit stream: values written least significant bit first, Huffman codes most significant first.</summary>
    private sealed class DeflateBits(int capacity)
    {
        private byte[] _bytes = new byte[capacity];
        private int _count;
        private uint _bits;
        private int _bitCount;

        public void WriteByte(byte value)
        {
            if (_count == _bytes.Length)
            {
                Array.Resize(ref _bytes, _bytes.Length * 2);
            }

            _bytes[_count++] = value;
        }

        public void Write(int value, int count)
        {
            _bits |= (uint)value << _bitCount;
            _bitCount += count;
            while (_bitCount >= 8)
            {
                WriteByte((byte)_bits);
                _bits >>= 8;
                _bitCount -= 8;
            }
        }

        /// <summary>Writes a literal/length symbol with its fixed Huffman code.</summary>
        public void Symbol(int symbol) => Write(FixedCodes[symbol], FixedCodeBits(symbol));

        /// <summary>Writes a match length, 3 to 258: its symbol and extra bits.</summary>
        public void Length(int length)
        {
            var code = LengthCodes[length];
            Symbol(257 + code);
            Write(length - LengthBases[code], LengthExtraBits[code]);
        }

        /// <summary>Writes a match distance, 1 to 32,768: its fixed 5-bit code and extra bits.</summary>
        public void Distance(int distance)
        {
            var code = DistanceBases.Length - 1;
            while (DistanceBases[code] > distance)
            {
                code--;
            }

            var reversed = 0;
            for (var i = 0; i < 5; i++)
            {
                reversed |= ((code >> i) & 1) << (4 - i);
            }

            Write(reversed, 5);
            Write(distance - DistanceBases[code], DistanceExtraBits[code]);
        }

        public void Flush()
        {
            if (_bitCount > 0)
            {
                WriteByte((byte)_bits);
                _bits = 0;
                _bitCount = 0;
            }
        }

        public byte[] ToArray() => _bytes.AsSpan(0, _count).ToArray();
    }

    /// <summary>The last seven run lengths of a row or column, newest first, for the finder-like pattern rule.</summary>
    private struct RunHistory(int size)
    {
        private int _h0, _h1, _h2, _h3, _h4, _h5, _h6;

        public void Add(int run)
        {
            if (_h0 == 0)
            {
                run += size; // the light quiet zone before the first run
            }

            (_h6, _h5, _h4, _h3, _h2, _h1, _h0) = (_h5, _h4, _h3, _h2, _h1, _h0, run);
        }

        /// <summary>How many 1:1:3:1:1 patterns with four light modules on one side end at the newest run.</summary>
        public readonly int FinderLikePatterns()
        {
            var n = _h1;
            var core = n > 0 && _h2 == n && _h3 == n * 3 && _h4 == n && _h5 == n;
            return (core && _h0 >= n * 4 && _h6 >= n ? 1 : 0) + (core && _h6 >= n * 4 && _h0 >= n ? 1 : 0);
        }
    }

    /// <summary>Bits appended most significant first, into bytes.</summary>
    private sealed class BitWriter(int capacityBits)
    {
        public byte[] Bytes { get; } = new byte[(capacityBits + 7) / 8];

        public int Length { get; private set; }

        public void Append(int value, int count)
        {
            for (var i = count - 1; i >= 0; i--)
            {
                if (((value >> i) & 1) != 0)
                {
                    Bytes[Length >> 3] |= (byte)(0x80 >> (Length & 7));
                }

                Length++;
            }
        }
    }
}
