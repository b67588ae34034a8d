"""The LibreOffice Basic macro that makes the PDF inside LibreOffice (``render --pdf``, see ``pdf.py``).

Plain ``soffice --convert-to pdf`` keeps the table of contents as stored in the file; Word fills it when the
document is opened, LibreOffice does not. The macro, placed into the export's own LibreOffice profile (the
application's "My Macros", which LibreOffice runs at every macro security level) and started on the command line
as ``macro:///Standard.Integconcept.Run(…)``, waits until the caller has written the document, loads it hidden,
refreshes the fields, updates every index, refreshes the fields again (page references), adds the keyword
:data:`PDF_KEYWORD`, exports the PDF as tagged PDF/A-2 with PDF/UA (:data:`PDF_FILTER_DATA`) and writes the
filled table of contents beside it (``toc.txt``, its lines "text<TAB>page"), so the caller can write the same
page numbers into its own DOCX. No Python with LibreOffice's UNO bridge is needed (Windows and macOS have none
outside LibreOffice; Debian needs no python3-uno), and no second process talks to LibreOffice over a pipe.

The work folder holds the profile as ``profile``; the macro finds its files from the profile's location (no
path is passed on the command line: no quoting of spaces, umlauts or drive letters). The caller and the macro
talk through files there:

* ``dokument.docx`` and then ``los`` (written by the caller): the document is complete;
* ``gestartet`` (macro): the macro runs (LibreOffice has started);
* ``dokument.pdf``, ``toc.txt`` and last ``status`` (macro): ``fertig``, then on a second line nothing (success)
  or the German message why there is no PDF. ``status`` is written beside and renamed: seen whole or not at all.

So that neither side has to look into the folder every 20 ms while the other works (each round of Basic's
``Wait`` and a look cost LibreOffice about 2.5 ms of CPU, the look itself ~0.1 ms; the caller validates and
renders while LibreOffice starts), the macro connects to the caller on 127.0.0.1 (the port is its third
argument): it blocks reading until the caller sends "los" (or ends: then LibreOffice ends at once), and sends
a line when ``status`` is written. The files stay the record; the connection only wakes the other side.
Without a connection both sides watch the folder.
"""

from __future__ import annotations

from pathlib import Path

from integconcept.core.safe_text import xml_escape

#: the keyword the PDF carries (XMP pdf:Keywords and the Info dictionary), set only for the export: the DOCX
#: does not carry it, so a PDF a person exports from the document in LibreOffice or Word does not either
#: (integconcept/core/replace.py recognises an earlier ``render --pdf`` by it)
PDF_KEYWORD = "erstellt mit integconcept"

#: writer_pdf_Export filter data. SelectPdfVersion 2 = PDF/A-2b (fonts embedded, XMP metadata with
#: pdfaid:part 2); UseTaggedPDF writes the structure tree (headings, lists, tables, figures with their alt
#: texts) that screen readers and the accessibility part of archiving need; PDFUACompliance adds the
#: PDF/UA checks (title shown instead of the file name, alt texts, reading order); ExportBookmarks turns the
#: headings into the PDF outline. The document language (/Lang) and title come from the DOCX properties.
PDF_FILTER_DATA: tuple[tuple[str, bool | int], ...] = (
    ("SelectPdfVersion", 2),
    ("UseTaggedPDF", True),
    ("PDFUACompliance", True),
    ("ExportBookmarks", True),
    ("OpenBookmarkLevels", -1),
    ("DisplayPDFDocumentTitle", True),
    ("ExportNotes", False),
    ("ExportFormFields", False),
    ("UseLosslessCompression", True),
    ("ReduceImageResolution", False),
)

MODULE = "Integconcept"
#: the profile's folder inside the work folder (the macro finds the work folder from it)
PROFILE_FOLDER = "profile"
#: ``mode`` of the macro: after the export LibreOffice is left running for the caller to stop (the profile is a
#: thrown-away copy: its orderly shutdown, which saves the profile, is not needed)
QUICK = "schnell"

_BASIC = """Option Explicit

' the connection to the caller (a socket on 127.0.0.1): "los" comes through it, "fertig" goes back;
' Nothing: the macro and the caller watch the work folder instead
Private caller As Object

' render --pdf (integconcept): the DOCX of the work folder becomes a PDF with every index updated.
' Run(mode, limit, port): mode "schnell" leaves LibreOffice running after the export (the caller stops it),
' otherwise LibreOffice shuts down; limit: seconds to wait for the document; port: the caller's port.
Sub Run(Optional mode As String, Optional limit As String, Optional port As String)
    Dim files As Object, work As String, doc As Object, message As String, seconds As Long
    On Error GoTo Failure
    files = CreateUnoService("com.sun.star.ucb.SimpleFileAccess")
    work = WorkFolder()
    If work = "" Then GoTo Finish
    If Not IsMissing(port) Then ConnectCaller(port)
    WriteText(files, work & "gestartet", "")
    SettleProfile()
    seconds = 180
    If Not IsMissing(limit) Then seconds = CLng(limit)
    If Not DocumentArrived(files, work, seconds) Then
        If IsNull(caller) Then
            message = "es hat " & seconds & " Sekunden vergeblich auf das Word-Dokument gewartet"
        Else
            message = "der Aufruf endete, bevor das Word-Dokument fertig war"
        End If
        GoTo Finish
    End If
    Dim loadArgs(0) As New com.sun.star.beans.PropertyValue
    loadArgs(0).Name = "Hidden"
    loadArgs(0).Value = True
    doc = StarDesktop.loadComponentFromURL(work & "dokument.docx", "_blank", 0, loadArgs())
    If IsNull(doc) Then
        message = "es konnte das Word-Dokument nicht öffnen"
        GoTo Finish
    End If
    ' An index's update lays the document out with its new entries before it fills in their page numbers, so
    ' one update of the table of contents is enough once the fields hold their values; with more than one
    ' index, each may move the pages of another: a second round.
    Dim pass As Integer, passes As Integer, i As Integer, indexes As Object
    doc.getTextFields().refresh()
    indexes = doc.getDocumentIndexes()
    passes = 1
    If indexes.getCount() > 1 Then passes = 2
    For pass = 1 To passes
        For i = 0 To indexes.getCount() - 1
            indexes.getByIndex(i).update()
        Next i
    Next pass
    doc.getTextFields().refresh()
    WriteToc(files, work, doc)
    MarkAsOurs(doc)
@FILTER@
    Dim storeArgs(1) As New com.sun.star.beans.PropertyValue
    storeArgs(0).Name = "FilterName"
    storeArgs(0).Value = "writer_pdf_Export"
    storeArgs(1).Name = "FilterData"
    storeArgs(1).Value = pdfFilter()
    doc.storeToURL(work & "dokument.pdf", storeArgs())
    Report(files, work, "")
    If Not IsMissing(mode) Then
        If mode = "@QUICK@" Then Exit Sub
    End If
    doc.close(True)
    StarDesktop.terminate()
    Exit Sub
Failure:
    message = "Fehler " & Err & " in Zeile " & Erl & " des Exportmakros: " & Error$
    Resume Finish
Finish:
    On Error Resume Next
    If message <> "" Then Report(files, work, message)
    StarDesktop.terminate()
End Sub

' the work folder (URL ending in "/"): the user installation is its subfolder "@PROFILE@/user"
Function WorkFolder() As String
    Dim path As String
    path = CreateUnoService("com.sun.star.util.PathSubstitution").substituteVariables("$(user)", True)
    If Right(path, Len("/@PROFILE@/user")) = "/@PROFILE@/user" Then
        WorkFolder = Left(path, Len(path) - Len("@PROFILE@/user"))
    Else
        WorkFolder = ""
    End If
End Function

' the caller writes "los" once the document is complete; False when it does not come in time, or when the
' caller ends first (its connection closes: a killed caller leaves no LibreOffice behind). Waiting on the
' connection costs nothing; watching the folder costs LibreOffice about 2.5 ms of CPU for each 20 ms round
' (Wait), 50 rounds a second.
Function DocumentArrived(files As Object, work As String, seconds As Long) As Boolean
    Dim deadline As Double
    If Not IsNull(caller) Then
        DocumentArrived = ReadCaller()
        If DocumentArrived Then DocumentArrived = files.exists(work & "los")
        Exit Function
    End If
    deadline = Now + seconds / 86400
    Do While Not files.exists(work & "los")
        If Now > deadline Then
            DocumentArrived = False
            Exit Function
        End If
        Wait 20
    Loop
    DocumentArrived = True
End Function

' blocks until the caller has sent "los" (True) or has ended (its connection closed: False)
Function ReadCaller() As Boolean
    Dim received() As Byte
    On Error GoTo Ended
    ReadCaller = caller.read(received, 4) > 0
    Exit Function
Ended:
    ReadCaller = False
End Function

' connects to the caller on 127.0.0.1:port; without a connection the folder is watched
Sub ConnectCaller(port As String)
    On Error GoTo Unreachable
    caller = CreateUnoService("com.sun.star.connection.Connector").connect("socket,host=127.0.0.1,port=" & port)
    Exit Sub
Unreachable:
    caller = Nothing
End Sub

' LibreOffice notes the version a profile has seen only when it shows a window; without the note every
' headless start runs its graphics self-test again (about 0.8 s of CPU). The note, as LibreOffice writes it.
Sub SettleProfile()
    Dim provider As Object, node As Object
    Dim nodeArgs(0) As New com.sun.star.beans.PropertyValue
    provider = CreateUnoService("com.sun.star.configuration.ConfigurationProvider")
    nodeArgs(0).Name = "nodepath"
    nodeArgs(0).Value = "/org.openoffice.Setup/Product"
    node = provider.createInstanceWithArguments("com.sun.star.configuration.ConfigurationUpdateAccess", nodeArgs())
    If IsNull(node.ooSetupLastVersion) Or node.ooSetupLastVersion <> node.ooSetupVersion Then
        node.ooSetupLastVersion = node.ooSetupVersion
        node.commitChanges()
    End If
End Sub

' "fertig" and the message (empty: success), written beside and renamed: the caller sees it whole or not at all
Sub Report(files As Object, work As String, message As String)
    WriteText(files, work & "status.tmp", "fertig" & Chr(10) & message)
    files.move(work & "status.tmp", work & "status")
    If Not IsNull(caller) Then WakeCaller()
End Sub

' wakes the caller waiting on the connection (it reads the report from the work folder)
Sub WakeCaller()
    Dim done(0) As Byte
    On Error Resume Next
    done(0) = 10
    caller.write(done())
    caller.flush()
End Sub

Sub WriteText(files As Object, url As String, content As String)
    Dim stream As Object
    stream = CreateUnoService("com.sun.star.io.TextOutputStream")
    stream.setOutputStream(files.openFileWrite(url))
    stream.setEncoding("UTF-8")
    stream.writeString(content)
    stream.closeOutput()
End Sub

' the filled table of contents (lines "text<TAB>page") of the first content index; none: no file
Sub WriteToc(files As Object, work As String, doc As Object)
    Dim indexes As Object, i As Integer
    indexes = doc.getDocumentIndexes()
    For i = 0 To indexes.getCount() - 1
        If indexes.getByIndex(i).supportsService("com.sun.star.text.ContentIndex") Then
            WriteText(files, work & "toc.txt", indexes.getByIndex(i).getAnchor().getString())
            Exit Sub
        End If
    Next i
End Sub

' the keyword the PDF carries, last among the document's keywords (set for the export only)
Sub MarkAsOurs(doc As Object)
    Dim props As Object, given() As String, kept() As String, i As Integer, n As Integer
    props = doc.getDocumentProperties()
    given = props.Keywords
    ReDim kept(UBound(given) + 1) As String
    n = 0
    For i = 0 To UBound(given)
        If given(i) <> "@KEYWORD@" Then
            kept(n) = given(i)
            n = n + 1
        End If
    Next i
    kept(n) = "@KEYWORD@"
    ReDim Preserve kept(n) As String
    props.Keywords = kept
End Sub
"""


def _filter_lines() -> str:
    lines = [f"    Dim pdfFilter({len(PDF_FILTER_DATA) - 1}) As New com.sun.star.beans.PropertyValue"]
    for number, (name, value) in enumerate(PDF_FILTER_DATA):
        basic = ("True" if value else "False") if isinstance(value, bool) else f"CLng({value})"
        lines.append(f'    pdfFilter({number}).Name = "{name}"')
        lines.append(f"    pdfFilter({number}).Value = {basic}")
    return "\n".join(lines)


def basic_source() -> str:
    """The macro's Basic source."""
    return (
        _BASIC.replace("@FILTER@", _filter_lines())
        .replace("@QUICK@", QUICK)
        .replace("@PROFILE@", PROFILE_FOLDER)
        .replace("@KEYWORD@", PDF_KEYWORD)
    )


def macro_url(quick: bool, timeout: int, port: int | None = None) -> str:
    """The command-line argument that runs the macro (no quotes, no spaces: safe on every command line;
    LibreOffice quotes the bare arguments itself); ``port``: where the caller listens on 127.0.0.1 (see
    ``pdf.PdfExport``)."""
    connect = f",{int(port)}" if port else ""
    return f"macro:///Standard.{MODULE}.Run({QUICK if quick else 'ende'},{int(timeout)}{connect})"


_XML = '<?xml version="1.0" encoding="UTF-8"?>\n'
_LIBRARIES = (
    _XML + '<!DOCTYPE library:libraries PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "libraries.dtd">\n'
    '<library:libraries xmlns:library="http://openoffice.org/2000/library" '
    'xmlns:xlink="http://www.w3.org/1999/xlink">\n'
    ' <library:library library:name="Standard" library:link="false"/>\n'
    "</library:libraries>\n"
)
_LIBRARY = (
    _XML + '<!DOCTYPE library:library PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "library.dtd">\n'
    '<library:library xmlns:library="http://openoffice.org/2000/library" library:name="Standard" '
    'library:readonly="false" library:passwordprotected="false">{elements}</library:library>\n'
)
#: a new profile counts as set up: LibreOffice does not copy its presets over it (they would replace the
#: Standard library with an empty one) and does not restart itself on the first start
_NEW_PROFILE_SETTINGS = (
    _XML + '<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
    '<item oor:path="/org.openoffice.Setup/Office"><prop oor:name="ooSetupInstCompleted" oor:op="fuse">'
    "<value>true</value></prop></item>\n"
    "</oor:items>\n"
)


def install(profile: Path) -> None:
    """Put the macro into the LibreOffice profile folder ``profile`` (a new one or a copy of a kept one) as the
    only module of the Standard library of "My Macros"; OSError when the folder cannot be written."""
    user = profile / "user"
    basic = user / "basic"
    (basic / "Standard").mkdir(parents=True, exist_ok=True)
    if not (user / "registrymodifications.xcu").exists():
        (user / "registrymodifications.xcu").write_text(_NEW_PROFILE_SETTINGS, encoding="utf-8")
    module = (
        _XML + '<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">\n'
        f'<script:module xmlns:script="http://openoffice.org/2000/script" script:name="{MODULE}" '
        f'script:language="StarBasic">{xml_escape(basic_source())}</script:module>\n'
    )
    files = {
        basic / "script.xlc": _LIBRARIES,
        basic / "dialog.xlc": _LIBRARIES,
        basic / "Standard" / "script.xlb": _LIBRARY.format(elements=f'\n <library:element library:name="{MODULE}"/>\n'),
        basic / "Standard" / "dialog.xlb": _LIBRARY.format(elements=""),
        basic / "Standard" / f"{MODULE}.xba": module,
    }
    for stale in (basic / "Standard").glob("*.xba"):  # the preset's empty Module1 and the like
        if stale.name != f"{MODULE}.xba":
            stale.unlink()
    for path, text in files.items():
        path.write_text(text, encoding="utf-8", newline="\n")
