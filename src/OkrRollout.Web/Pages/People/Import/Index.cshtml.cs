using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Import;
using OkrRollout.Web.Security;

namespace OkrRollout.Web.Pages.People.Import;

/// <summary>Step 1 of 3: upload. A file with any error is rejected here, with every error listed, and nothing is stored.</summary>
[Authorize(Policy = Policies.Ambassador)]
[PeopleUploadLimits]
// Checked in OnPostAsync once the form has been read: an upload over the limit gets its message rather than a 400.
[IgnoreAntiforgeryToken]
public class IndexModel(AppDbContext db, PeopleImporter importer, IAntiforgery antiforgery, IConfiguration configuration, TimeProvider clock) : PageModel
{
    [BindProperty]
    public IFormFile? Upload { get; set; }

    [BindProperty]
    public bool DeactivateMissing { get; set; }

    public List<ImportError> Errors { get; } = [];

    /// <summary>Why the file was refused as a whole, shown beside the file field too.</summary>
    public ImportError? FileError { get; private set; }

    public long MaxFileBytes => PeopleImportLimits.MaxFileBytes(configuration);

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await UnreadableFormAsync(cancellationToken) is { } unreadable)
        {
            return Refuse(unreadable);
        }
        if (!await antiforgery.IsRequestValidAsync(HttpContext))
        {
            return BadRequest();
        }
        if (Upload is null || Upload.Length == 0)
        {
            return Refuse(new ImportError(null, null, Upload is null ? ImportMessages.NoFile : ImportMessages.EmptyFile));
        }

        PeopleCsvFile file;
        await using (var upload = Upload.OpenReadStream())
        {
            file = PeopleCsvReader.Read(upload, MaxFileBytes);
        }
        FileError = file.Refusal;
        var plan = await importer.PlanAsync(file, DeactivateMissing, cancellationToken);
        if (!plan.IsValid)
        {
            Errors.AddRange(plan.Errors);
            return Page();
        }

        var import = new PeopleImport
        {
            Id = Guid.NewGuid(),
            FileName = Path.GetFileName(Upload.FileName),
            Content = await ContentAsync(Upload, cancellationToken),
            DeactivateMissing = DeactivateMissing,
            UploadedBy = User.Identity!.Name!,
            UploadedAtUtc = clock.GetUtcNow().UtcDateTime,
            Status = PeopleImportStatus.Previewed,
        };
        db.PeopleImports.Add(import);
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage("/People/Import/Preview", new { id = import.Id });
    }

    private IActionResult Refuse(ImportError error)
    {
        FileError = error;
        Errors.Add(error);
        return Page();
    }

    /// <summary>
    /// Reads the form, which stops one part past the limit (<see cref="PeopleUploadLimitsAttribute"/>);
    /// an upload that did not fit is over the limit, unless it was shorter and broke off.
    /// </summary>
    private async Task<ImportError?> UnreadableFormAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Request.ReadFormAsync(cancellationToken);
            return null;
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException)
        {
            return Request.ContentLength is null || Request.ContentLength > MaxFileBytes
                ? new ImportError(null, null, ImportMessages.TooLarge, MaxFileBytes)
                : new ImportError(null, null, ImportMessages.UploadBroken);
        }
    }

    /// <summary>The checked file, kept for the preview and the import: no larger than the limit, since the form stops there.</summary>
    private static async Task<byte[]> ContentAsync(IFormFile upload, CancellationToken cancellationToken)
    {
        var content = new byte[upload.Length];
        await using var stream = upload.OpenReadStream();
        await stream.ReadExactlyAsync(content, cancellationToken);
        return content;
    }
}
