namespace Convene.Data;

/// <summary>Files with secrets in them (the database, the key file, the initial password) are made
/// readable and writable by their owner only (0600), in folders made 0700 when Convene makes them. The
/// mode is given at creation, so there is no moment at which another user could open the file.</summary>
public static class OwnerOnlyFiles
{
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Makes the file's folder (0700) if it is missing.</summary>
    public static void EnsureFolder(string file)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(file));
        if (folder is not null && !Directory.Exists(folder))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(folder);
            }
            else
            {
                Directory.CreateDirectory(folder, FolderMode);
            }
        }
    }

    /// <summary>Opens a new file (replacing one that exists) for writing, readable by the owner only.</summary>
    public static FileStream Create(string file)
    {
        EnsureFolder(file);
        File.Delete(file);
        var options = new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }
        return new FileStream(file, options);
    }

    /// <summary>Writes a new file readable by the owner only.</summary>
    public static async Task WriteAllTextAsync(string file, string text, CancellationToken cancellationToken)
    {
        await using var stream = Create(file);
        await using var writer = new StreamWriter(stream);
        await writer.WriteAsync(text.AsMemory(), cancellationToken);
    }

    /// <summary>Takes group and other permissions off an existing file; true when it had any.</summary>
    public static bool Restrict(string file)
    {
        if (OperatingSystem.IsWindows() || !File.Exists(file))
        {
            return false;
        }
        var mode = File.GetUnixFileMode(file);
        if ((mode & ~(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute)) == 0)
        {
            return false;
        }
        File.SetUnixFileMode(file, mode & FileMode);
        return true;
    }
}
