#!/usr/bin/python3
"""The window a mona desktop opens with (R18): notices, planned closures, and the user's projects.

Reads the JSON file the host agent wrote into the session's runtime folder (argument 1).
"""

import json
import subprocess
import sys
import tkinter
from datetime import datetime

TEXT = {
    'en': {
        'title': 'Welcome to MONA',
        'notices': 'Notices',
        'closed': 'Planned closure',
        'from': 'from',
        'until': 'until',
        'projects': 'Your projects',
        'no_projects': 'You are not a member of any project.',
        'documents': 'My Documents',
        'close': 'Close',
        'unix_name': 'Your user name on this desktop is {name}: your login name is taken by the system.',
    },
    'sv': {
        'title': 'Välkommen till MONA',
        'notices': 'Meddelanden',
        'closed': 'Planerat avbrott',
        'from': 'från',
        'until': 'till',
        'projects': 'Dina projekt',
        'no_projects': 'Du är inte medlem i något projekt.',
        'documents': 'Mina dokument',
        'close': 'Stäng',
        'unix_name': 'Ditt användarnamn på skrivbordet är {name}: ditt inloggningsnamn är upptaget av systemet.',
    },
}


def local_time(iso):
    return datetime.fromisoformat(iso.replace('Z', '+00:00')).astimezone().strftime('%Y-%m-%d %H:%M')


def notice_text(notice, text):
    start, end = notice.get('closedFrom'), notice.get('closedUntil')
    if not start and not end:
        return notice['text']
    times = ' '.join(
        f'{word} {local_time(value)}' for word, value in ((text['from'], start), (text['until'], end)) if value
    )
    return f"{text['closed']} {times}: {notice['text']}"


def open_folder(path):
    subprocess.Popen(['pcmanfm', '--new-win', path])


def main(path):
    with open(path, encoding='utf-8') as file:
        welcome = json.load(file)
    text = TEXT[welcome['language']]
    root = tkinter.Tk(className='MonaWelcome')
    # Unmapped until it is built and placed: otherwise it shows at its first, empty size, then jumps.
    root.withdraw()
    root.title(text['title'])
    frame = tkinter.Frame(root, padx=24, pady=18)
    frame.pack(fill='both', expand=True)

    def heading(label, size):
        tkinter.Label(frame, text=label, font=('DejaVu Sans', size, 'bold'), anchor='w').pack(fill='x', pady=(10, 4))

    heading(text['title'], 16)
    if welcome.get('unixName'):
        line = text['unix_name'].format(name=welcome['unixName'])
        tkinter.Label(frame, text=line, wraplength=560, justify='left', anchor='w').pack(fill='x')
    if welcome['notices']:
        heading(text['notices'], 12)
        for notice in welcome['notices']:
            line = notice_text(notice, text)
            tkinter.Label(frame, text=f'• {line}', wraplength=560, justify='left', anchor='w').pack(fill='x')
    heading(text['projects'], 12)
    if not welcome['projects']:
        tkinter.Label(frame, text=text['no_projects'], anchor='w').pack(fill='x')
    for project in welcome['projects']:
        label = f"{project['id']}  {project['name']}"
        command = lambda folder=project['shortcut']: open_folder(folder)  # noqa: E731
        tkinter.Button(frame, text=label, anchor='w', command=command).pack(fill='x', pady=2)
    buttons = tkinter.Frame(frame, pady=14)
    buttons.pack(fill='x')
    documents = tkinter.Button(buttons, text=text['documents'], command=lambda: open_folder(welcome['myDocuments']))
    documents.pack(side='left')
    tkinter.Button(buttons, text=text['close'], command=root.destroy).pack(side='right')
    root.update_idletasks()
    width, height = root.winfo_reqwidth(), root.winfo_reqheight()
    left = (root.winfo_screenwidth() - width) // 2
    top = (root.winfo_screenheight() - height) // 3
    root.geometry(f'{width}x{height}+{left}+{top}')
    root.minsize(width, height)
    root.deiconify()
    root.mainloop()


main(sys.argv[1])
